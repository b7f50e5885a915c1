/* The kernel's random generator, behind getrandom. */
#pragma once

/* Key the generator and say on the console where its entropy comes from. */
void random_init(void);
