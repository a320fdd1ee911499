/** Markers around the section this app owns in docs/benchmarks.md. */
export const SECTION_START = "<!-- bench-peers:start -->";
export const SECTION_END = "<!-- bench-peers:end -->";

const TITLE = "# Benchmarks\n";
const HEADING = "## Plexus vs bittorrent-dht, hyperdht, hyperswarm and libp2p kad-dht (`pnpm bench:peers`)";

/**
 * Puts `body` between the markers in `document` (replacing what was there), or appends a
 * new marked section; the rest of the document is left as it was.
 */
export function replaceSection(document: string | undefined, body: string): string {
  const section = `${SECTION_START}\n${HEADING}\n\n${body.trimEnd()}\n${SECTION_END}`;
  const doc = document ?? TITLE;
  const start = doc.indexOf(SECTION_START);
  const end = doc.indexOf(SECTION_END);
  if (start !== -1 && end > start) return doc.slice(0, start) + section + doc.slice(end + SECTION_END.length);
  return `${doc.trimEnd()}\n\n${section}\n`;
}
