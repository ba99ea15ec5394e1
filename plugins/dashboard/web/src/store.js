// Keeping the board's copies of suites and tasks current. Every resource
// carries a version (+1 per change), so an older copy never replaces a newer
// one, whichever arrives last (a REST answer, a live event, a refetch).

export function upsert(map, item) {
  const current = map.get(item.id);
  if (current && current.version > item.version) return map;
  const next = new Map(map);
  next.set(item.id, item);
  return next;
}

export function remove(map, id) {
  if (!map.has(id)) return map;
  const next = new Map(map);
  next.delete(id);
  return next;
}

/// A fresh list from the API; items changed since (newer versions) are kept.
export function replaceAll(map, items) {
  const next = new Map();
  for (const item of items) {
    const current = map.get(item.id);
    next.set(item.id, current && current.version > item.version ? current : item);
  }
  return next;
}

export function byId(items) {
  return new Map(items.map((item) => [item.id, item]));
}
