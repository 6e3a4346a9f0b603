import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { httpBase, type TestGateway } from '../http/http-kit.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';

/** An MCP client (the SDK's own) on the gateway's `/mcp`, counting `tools/list_changed` notifications. */
export async function httpMcpClient(gw: Pick<TestGateway, 'url'>, token: string = TEST_TOKEN) {
  const client = new Client({ name: 'mcp-e2e', version: '1.0.0' });
  let listChanged = 0;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    listChanged++;
  });
  const transport = new StreamableHTTPClientTransport(new URL(`${httpBase(gw)}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } });
  await client.connect(transport);
  return { client, transport, listChanged: () => listChanged };
}

/** Names of the tools a client is offered now. */
export const toolNames = async (client: Client) => (await client.listTools()).tools.map((t) => t.name);

/** The text contents of a tool result, joined. */
export const textOf = (result: CallToolResult) =>
  result.content
    .filter((c): c is { type: 'text'; text: string } => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
