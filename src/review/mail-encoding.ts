// What a mail's transfer encoding hides: postal-mime decodes broken base64 without a word (it
// drops what it cannot read), so a patch sent that way would look like a shorter patch or none.
// This reads the raw message for base64 bodies and names the first line that is not base64.

const base64Line = /^[A-Za-z0-9+/]*={0,2}\s*$/;
const base64Header = /^content-transfer-encoding:\s*base64\s*$/i;

/** "file:line: ..." for the first broken base64 line of `raw` (lines of one message), or undefined. */
export function brokenBase64(raw: string[], lineOf: (index: number) => number, source: string): string | undefined {
  let state: 'text' | 'headers' | 'body' = 'text';
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!;
    if (state === 'text' && base64Header.test(line)) state = 'headers';
    else if (state === 'headers' && line.trim() === '') state = 'body';
    else if (state === 'body' && (line.trim() === '' || line.startsWith('--'))) state = 'text';
    else if (state === 'body' && !base64Line.test(line)) {
      return `${source}:${lineOf(i)}: broken base64 (a character outside the base64 alphabet): the mail's text cannot be decoded from here, so its patch is not reviewed`;
    }
  }
  return undefined;
}
