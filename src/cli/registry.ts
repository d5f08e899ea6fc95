// Every CLI sub-command, in the order `irqlens --help` lists them.
import type { Command } from './command';
import { checkCommand } from './commands/check';
import { factsCommand } from './commands/facts';
import { lspCommand } from './commands/lsp';
import { simulateCommand } from './commands/simulate';
import { reviewCommand } from './commands/review';
import { topologyCommand } from './commands/topology';

export const commands: Command[] = [factsCommand, checkCommand, simulateCommand, reviewCommand, topologyCommand, lspCommand];
