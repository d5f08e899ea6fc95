// Every CLI sub-command, in the order `irqlens --help` lists them.
import type { Command } from './command';

export const commands: Command[] = [];
