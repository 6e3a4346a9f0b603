/** One JSON log line as a host writes it when stderr is not a terminal. */
export interface LogLine {
  level: string;
  time: string;
  name: string;
  msg: string;
  [field: string]: unknown;
}

/**
 * The JSON log lines in a process's output, in order. Throws on a non-empty line that is
 * not a JSON object with `level`, `time` and `msg`: a host not on a terminal writes nothing else.
 */
export function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parsed = JSON.parse(line) as LogLine;
      if (typeof parsed !== 'object' || parsed === null || !parsed.level || !parsed.time || typeof parsed.msg !== 'string') {
        throw new Error(`not a log line: ${line}`);
      }
      return parsed;
    });
}
