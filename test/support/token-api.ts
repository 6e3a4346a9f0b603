/** What a gateway's HTTP API answered: the status and the parsed JSON body. */
export interface ApiAnswer {
  status: number;
  json: any;
}

/**
 * One call to a gateway's HTTP API on `port` with a bearer token: GET without a body, POST
 * with one as JSON. Answers the status and the parsed JSON body.
 */
export async function tokenApi(port: number, token: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}
