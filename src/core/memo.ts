/**
 * A small bounded memo. CI runs check hundreds of bundles that share the same intermediates and roots;
 * parsing and verifying those once, not once per bundle, is most of the speed of a directory check.
 * Only CA facts are stored (leaves rarely repeat), and the map is cleared when full, so memory stays flat.
 */
export class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit = 512) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): V {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}
