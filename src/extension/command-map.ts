// The one map of the commands the extension contributes, from id to the arguments each takes (as
// vscode-codeql types its commands): `commands.ts` registers and calls them only through it, so
// an id or an argument that does not fit is a type error. Every argument is optional: without
// one, a handler asks (a picker). Arguments from outside (keybindings, scripts, the server's
// code actions) are still checked at run time by the handlers. package.json's
// `contributes.commands` lists exactly these ids (test/unit/extension-commands.test.ts).
import type { Position, Uri } from 'vscode';
import type { LayoutSetting } from './config';

export interface ExtensionCommands {
  'irqlens.simulate': [device?: string, layout?: LayoutSetting];
  'irqlens.showMap': [device?: string];
  'irqlens.showInMap': [uri?: Uri, position?: Position];
  'irqlens.loadTopology': [uri?: Uri];
  'irqlens.chooseLayout': [layout?: LayoutSetting];
  /** A patch file or mbox (`Uri`), or a git range (`string`). */
  'irqlens.reviewPatch': [target?: Uri | string];
  'irqlens.showLog': [];
  'irqlens.restartServer': [];
  'irqlens.simulation.next': [];
  'irqlens.simulation.previous': [];
  'irqlens.simulation.stop': [];
}

/** The built-in commands the extension calls, with their arguments. */
export interface BuiltInCommands {
  setContext: [key: string, value: unknown];
  'workbench.actions.view.problems': [];
}

export type ExtensionCommandId = keyof ExtensionCommands;
export type AllCommands = ExtensionCommands & BuiltInCommands;

/** The extension's command ids at run time; `satisfies` keeps them exactly the map's keys. */
export const extensionCommandIds = Object.keys({
  'irqlens.simulate': true,
  'irqlens.showMap': true,
  'irqlens.showInMap': true,
  'irqlens.loadTopology': true,
  'irqlens.chooseLayout': true,
  'irqlens.reviewPatch': true,
  'irqlens.showLog': true,
  'irqlens.restartServer': true,
  'irqlens.simulation.next': true,
  'irqlens.simulation.previous': true,
  'irqlens.simulation.stop': true,
} satisfies Record<ExtensionCommandId, true>) as ExtensionCommandId[];
