// Every CLI sub-command, in the order `irqlens --help` lists them.
import type { Command } from './command';
import { checkCommand } from './commands/check';
import { lspCommand } from './commands/lsp';
import { simulateCommand } from './commands/simulate';
import { reviewCommand } from './commands/review';

export const commands: Command[] = [checkCommand, simulateCommand, reviewCommand, lspCommand];
