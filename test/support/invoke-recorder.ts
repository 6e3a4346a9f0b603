import { startTestGateway } from './in-process-gateway.js';
import { poll } from './poll.js';

type TestGatewayHandle = Awaited<ReturnType<typeof startTestGateway>>;
type InvokeResultParams = Parameters<TestGatewayHandle['gateway']['ctx']['invoker']['result']>[1];

/**
 * An in-process gateway that records every `node.invoke.result` a node sends, and can send
 * the (first) connected node an invoke request as is, bypassing the gateway's own checks:
 * for tests of what a node host does with requests a hostile gateway could send.
 */
export async function startInvokeRecorder() {
  const gw = await startTestGateway();
  const results: InvokeResultParams[] = [];
  const invoker = gw.gateway.ctx.invoker;
  const result = invoker.result.bind(invoker);
  invoker.result = (session, params) => {
    results.push(params);
    return result(session, params);
  };
  return {
    gw,
    results,
    /** Sends `node.invoke.request` with `paramsJSON` exactly as given. */
    sendInvoke(id: string, command: string, paramsJSON: string) {
      const [session] = gw.gateway.ctx.registry.list();
      gw.gateway.ctx.registry.get(session!.nodeId)!.conn.send(
        JSON.stringify({ type: 'event', event: 'node.invoke.request', payload: { id, nodeId: session!.nodeId, command, paramsJSON, timeoutMs: 10_000 } }),
      );
    },
    /** The node's answer to invoke `id`, once it arrives. */
    resultOf: (id: string) => poll(async () => results.find((r) => r.id === id), `the node answering ${id}`),
  };
}
