// The map webview's HTML shell: CSP default-src 'none', scripts only with a fresh nonce, styles
// and scripts only from the extension's dist/ and media/ folders (through asWebviewUri).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function mapHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'map.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style.toString()}">
<title>MSI Map</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Map">
  <button id="zoom-in" title="Zoom in (+)">Zoom in</button>
  <button id="zoom-out" title="Zoom out (-)">Zoom out</button>
  <button id="fit" title="Fit to the allocations (0)">Fit</button>
  <button id="whole" title="Whole index space (W)">Whole space</button>
  <button id="table" title="Switch between map and table (T)">Table / map</button>
  <button id="refresh" title="Ask the server for a fresh map">Refresh</button>
</div>
<p class="help">Arrows: move between allocations and domains. Enter: go to the call. +/-: zoom. Shift+arrows: pan.</p>
<section id="step" class="step" role="status" aria-label="Simulation step" hidden></section>
<main id="map" aria-live="polite"><p>Loading the MSI map…</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
