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
    stream_options?: { include_usage?: boolean };
  };
}

/** Token counts the fake reports in the response's `usage` block (12 in, 7 out unless the reply says). */
export type ReplyUsage = { promptTokens: number; completionTokens: number };

export type Reply = ({ content: string } | { calls: { name: string; arguments: Record<string, unknown>; id?: string }[] }) & { usage?: ReplyUsage };

/** The response shape OpenAI-compatible servers (OpenAI, DashScope, vLLM, Ollama, llama-server) return. */
function toolCallsOf(reply: Reply, n: number) {
  return 'calls' in reply
    ? reply.calls.map((c, i) => ({ id: c.id ?? `call_${n}_${i}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.arguments) } }))
    : undefined;
}

function usageBlock(reply: Reply) {
  const { promptTokens, completionTokens } = reply.usage ?? { promptTokens: 12, completionTokens: 7 };
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

export function completion(model: string, reply: Reply, n: number) {
  const toolCalls = toolCallsOf(reply, n);
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
    usage: usageBlock(reply),
  };
}

/**
 * The same reply as a `stream: true` response: server-sent `chat.completion.chunk`s, then (when the request asked
 * with `stream_options.include_usage`) a last chunk with empty choices and the usage, then `[DONE]`.
 */
export function completionChunks(model: string, reply: Reply, n: number, includeUsage: boolean): string {
  const base = { id: `chatcmpl-${n}`, object: 'chat.completion.chunk', created: 1_764_288_000, model };
  const toolCalls = toolCallsOf(reply, n);
  const chunks: unknown[] = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }];
  if (toolCalls) {
    toolCalls.forEach((c, index) => chunks.push({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, ...c }] }, finish_reason: null }] }));
  } else if ('content' in reply) {
    for (const piece of reply.content.match(/.{1,8}/gs) ?? []) chunks.push({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
  }
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: toolCalls ? 'tool_calls' : 'stop' }] });
  if (includeUsage) chunks.push({ ...base, choices: [], usage: usageBlock(reply) });
  return chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('') + 'data: [DONE]\n\n';
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
    const reply = respond(request);
    if (request.body.stream) {
      const body = completionChunks(request.body.model, reply, requests.length, request.body.stream_options?.include_usage === true);
      res.writeHead(200, { 'content-type': 'text/event-stream' }).end(body);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(request.body.model, reply, requests.length)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
