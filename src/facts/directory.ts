// A file's directory in the engine's '/'-separated paths: the reach of a quoted #include, of a
// call a walk follows, of a scan batch that the scan workers check, and of a check part.
// One definition, because those must agree on what a directory is.

/** The directory part of `file` ('' for a file at the top). */
export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}
