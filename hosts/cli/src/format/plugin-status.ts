/** The fields of a plugin status that the CLI prints (see `NodePluginStatus`). */
export interface PluginStatusLike {
  name: string;
  version?: string;
  status: string;
  code?: string;
  message?: string;
}

/**
 * One plugin's status for people: `ok`, `unavailable: <reason>` or `failed (<CODE>): <message>`.
 *
 * @example
 * pluginStatusText({ name: 'echo', status: 'failed', code: 'PLUGIN_LOAD_FAILED', message: 'boom' }); // 'failed (PLUGIN_LOAD_FAILED): boom'
 */
export function pluginStatusText(p: PluginStatusLike): string {
  if (p.status === 'failed') return `failed (${p.code ?? 'unknown'}): ${p.message ?? ''}`;
  if (p.status === 'unavailable') return `unavailable: ${p.message ?? ''}`;
  return p.status;
}
