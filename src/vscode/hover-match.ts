// Finds a Wix media reference under the cursor: a static.wixstatic.com/media/<id> URL (transformed variants
// included) or a wix:image:// / wix:video:// URI (test/emulator/README.md "Descriptors"; Wix's "Static URL
// formation" and URI formats). No imports: the activation bundle uses it to decide whether to load anything.

export interface WixRef {
  fileId: string;
  kind: 'url' | 'image' | 'video';
  /** The whole reference and where it sits on the line. */
  text: string;
  start: number;
  end: number;
}

const REF = /https?:\/\/static\.wixstatic\.com\/media\/([^\s/?#)"'<>\]]+)[^\s)"'<>\]]*|wix:(image|video):\/\/v1\/([^\s/#)"'<>\]]+)[^\s)"'<>\]]*/g;

export function wixRefAt(line: string, character: number): WixRef | undefined {
  for (const m of line.matchAll(REF)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (character < start || character > end) continue;
    const fileId = decodeURIComponent(m[1] ?? m[3]);
    return { fileId, kind: m[1] ? 'url' : (m[2] as 'image' | 'video'), text: m[0], start, end };
  }
  return undefined;
}
