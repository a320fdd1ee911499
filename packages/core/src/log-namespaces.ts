/**
 * Which namespaces a `DEBUG` value enables, in the `debug` package's syntax (the convention
 * of bittorrent-dht and js-libp2p): names separated by commas or spaces, `*` matching any
 * run of characters, a leading `-` excluding. `"plexus:*,-plexus:rpc"` enables every
 * Plexus namespace but `plexus:rpc`. Parsed once; a pattern count is bounded by the
 * length of the string.
 */
export function namespaceFilter(debug: string | undefined): (namespace: string) => boolean {
  const include: RegExp[] = [];
  const exclude: RegExp[] = [];
  for (const part of (debug ?? "").split(/[\s,]+/)) {
    if (part === "" || part === "-") continue;
    const negative = part.startsWith("-");
    const name = negative ? part.slice(1) : part;
    const escaped = name.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
    (negative ? exclude : include).push(new RegExp(`^${escaped}$`));
  }
  if (include.length === 0) return () => false;
  return (namespace) => !exclude.some((re) => re.test(namespace)) && include.some((re) => re.test(namespace));
}
