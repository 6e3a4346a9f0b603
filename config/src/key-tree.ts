/**
 * Key paths as text, one per line: `gateway.auth.token`; `*` for any key of a map
 * (`plugins.options.*`); `[]` after a key for the items of a list (`agents.list[].id`);
 * `**` for a free-form subtree where any key is fine (`meta.**`).
 */
export type KeyPathPattern = string;

interface Node {
  children: Map<string, Node>;
  secret: boolean;
}

const newNode = (): Node => ({ children: new Map(), secret: false });

/** Splits a pattern into segments: `a.list[].b` → `['a', 'list', '[]', 'b']`. */
function segmentsOf(pattern: KeyPathPattern): string[] {
  return pattern.split('.').flatMap((part) => {
    const items: string[] = [];
    let key = part;
    while (key.endsWith('[]') && key.length > 2) {
      items.push('[]');
      key = key.slice(0, -2);
    }
    return [key, ...items];
  });
}

/**
 * A tree of known key paths for lookups by a concrete path (`['agents', 'list', 0, 'id']`).
 *
 * @example
 * const tree = KeyTree.from(['gateway.port', 'plugins.options.*', 'meta.**']);
 * tree.knows(['plugins', 'options', 'acme']); // true
 * tree.keysAt(['gateway']); // ['port']
 */
export class KeyTree {
  private readonly root = newNode();

  static from(patterns: Iterable<KeyPathPattern>, secrets: Iterable<KeyPathPattern> = []): KeyTree {
    const tree = new KeyTree();
    for (const pattern of patterns) tree.add(pattern);
    for (const pattern of secrets) tree.add(pattern).secret = true;
    return tree;
  }

  private add(pattern: KeyPathPattern): Node {
    let node = this.root;
    for (const segment of segmentsOf(pattern)) {
      let next = node.children.get(segment);
      if (next === undefined) node.children.set(segment, (next = newNode()));
      node = next;
    }
    return node;
  }

  /** The node for a concrete path; `'free'` inside a `**` subtree; undefined when unknown. */
  private find(path: ReadonlyArray<string | number>): Node | 'free' | undefined {
    let node = this.root;
    for (const key of path) {
      if (node.children.has('**')) return 'free';
      const next = typeof key === 'number' ? node.children.get('[]') : (node.children.get(key) ?? node.children.get('*'));
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }

  /** Whether the path is a known key (or lies in a free-form subtree). */
  knows(path: ReadonlyArray<string | number>): boolean {
    return this.find(path) !== undefined;
  }

  /** Whether the key at the path is declared a secret. */
  isSecret(path: ReadonlyArray<string | number>): boolean {
    const node = this.find(path);
    return typeof node === 'object' && node.secret;
  }

  /** The named keys an object at the path may have (no `*`, `[]` or `**`), for suggestions. */
  keysAt(path: ReadonlyArray<string | number>): string[] {
    const node = this.find(path);
    if (typeof node !== 'object') return [];
    return [...node.children.keys()].filter((key) => key !== '*' && key !== '**' && key !== '[]');
  }
}
