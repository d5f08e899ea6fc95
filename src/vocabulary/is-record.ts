// The one structural test for untrusted JSON (settings, request parameters, topology files,
// webview messages): a non-null, non-array object whose fields can be read.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
