import { spawnSync } from 'node:child_process';

/** A parsed XML element, from a real XML parser (Python's expat via ElementTree). */
export interface XmlNode { tag: string; attrib: Record<string, string>; text: string; children: XmlNode[] }

const SCRIPT = `
import json, sys, xml.etree.ElementTree as ET
def node(e):
    return {"tag": e.tag, "attrib": dict(e.attrib), "text": e.text or "", "children": [node(c) for c in e]}
print(json.dumps(node(ET.fromstring(sys.stdin.buffer.read()))))
`;

/** Parse XML strictly; throws with the parser's message when the document is not well-formed. */
export function parseXml(xml: string): XmlNode {
  const out = spawnSync('python3', ['-c', SCRIPT], { input: xml, encoding: 'utf8' });
  if (out.error) throw new Error(`python3 is needed to parse XML in tests: ${out.error.message}`);
  if (out.status !== 0) throw new Error(`Not well-formed XML: ${out.stderr.trim().split('\n').pop()}`);
  return JSON.parse(out.stdout) as XmlNode;
}

export const kids = (n: XmlNode, tag: string) => n.children.filter((c) => c.tag === tag);
export const kid = (n: XmlNode, tag: string) => kids(n, tag)[0];
