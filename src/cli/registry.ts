// Every CLI sub-command, in the order `irqlens --help` lists them.
import type { Command } from './command';
import { checkCommand } from './commands/check';
import { simulateCommand } from './commands/simulate';

export const commands: Command[] = [checkCommand, simulateCommand];
