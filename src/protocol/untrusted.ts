// What the extension and the webview check untrusted JSON with (server command results, webview
// messages and state): the engine's one structural test, offered through the protocol.
export { isRecord } from '../vocabulary/is-record';
