// Wraps a request handler so an engine exception becomes a logged message and a fallback
// result (or an LSP error when no fallback is given), never a crashed server.
import { ResponseError, ErrorCodes } from 'vscode-languageserver';

export function guard<P extends unknown[], R>(
  log: (message: string) => void,
  handler: (...args: P) => R | Promise<R>,
  ...fallback: [] | [R]
): (...args: P) => Promise<R> {
  return async (...args: P): Promise<R> => {
    try {
      return await handler(...args);
    } catch (err) {
      // Protocol errors (invalid params, not initialized) go to the client as they are.
      if (err instanceof ResponseError) throw err;
      const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
      log(`irqlens: request failed: ${text}`);
      if (fallback.length === 1) return fallback[0] as R;
      throw new ResponseError(ErrorCodes.InternalError, `irqlens: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}
