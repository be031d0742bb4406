import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat.completions request body as the provider sent it. */
export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: {
    model: string;
    messages: { role: string; content: unknown; tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
    tools?: { type: string; function: { name: string; description?: string; parameters: Record<string, unknown> } }[];
    tool_choice?: unknown;
    temperature?: number;
    stream?: boolean;
  };
}

export type Reply = { content: string } | { calls: { name: string; arguments: Record<string, unknown>; id?: string }[] };

/** The response shape OpenAI-compatible servers (OpenAI, DashScope, vLLM, Ollama, llama-server) return. */
export function completion(model: string, reply: Reply, n: number) {
  const toolCalls =
    'calls' in reply
      ? reply.calls.map((c, i) => ({ id: c.id ?? `call_${n}_${i}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.arguments) } }))
      : undefined;
  return {
    id: `chatcmpl-${n}`,
    object: 'chat.completion',
    created: 1_764_288_000,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'content' in reply ? reply.content : null, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
        finish_reason: toolCalls ? 'tool_calls' : 'stop',
      },
    ],
    usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
  };
}

/** A loopback OpenAI-compatible server: records each request, answers from `respond`. */
export async function startFakeOpenAi(respond: (request: RecordedRequest) => Reply): Promise<{ url: string; requests: RecordedRequest[]; server: Server; close: () => Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const request: RecordedRequest = { path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
    requests.push(request);
    if (!request.path.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${request.path}` } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(request.body.model, respond(request), requests.length)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
