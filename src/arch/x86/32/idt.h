/* The interrupt descriptor table. */
#pragma once

void idt_init(void);
