// Text that reaches a person (a terminal, an editor's hover or diagnostic list) carries names
// from the input: identifiers, file names, mail subjects. A raw ESC there drives the reader's
// terminal (`ESC c` resets it), a CR overwrites the line, a bidi override reorders it. Every text
// face escapes them with this one function, as a visible `\uXXXX` (which is also a valid JSON
// escape, so JSON output stays valid and decodes to the same string).

// C0 controls but TAB and LF, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(unsafe, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
