import { writeFile } from 'node:fs/promises';
import { createPrng } from '@agentic-commerce/world';

// GGUF v3 (llama.cpp's model file): header, metadata key/values, tensor infos, then aligned tensor data, little-endian.
const T = { U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9 } as const;
const ALIGNMENT = 32;

type Value = { type: 'u32' | 'i32' | 'f32'; value: number } | { type: 'string'; value: string } | { type: 'bool'; value: boolean } | { type: 'strings'; value: string[] } | { type: 'f32s' | 'i32s'; value: number[] };

class Writer {
  private readonly parts: Buffer[] = [];
  length = 0;
  private push(b: Buffer) {
    this.parts.push(b);
    this.length += b.length;
  }
  u32(n: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.push(b);
  }
  i32(n: number) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.push(b);
  }
  u64(n: number) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.push(b);
  }
  f32(n: number) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(n);
    this.push(b);
  }
  string(s: string) {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }
  raw(b: Buffer) {
    this.push(b);
  }
  pad() {
    const rest = this.length % ALIGNMENT;
    if (rest !== 0) this.push(Buffer.alloc(ALIGNMENT - rest));
  }
  buffer() {
    return Buffer.concat(this.parts);
  }
}

function writeValue(w: Writer, v: Value) {
  switch (v.type) {
    case 'u32': return (w.u32(T.U32), w.u32(v.value));
    case 'i32': return (w.u32(T.I32), w.i32(v.value));
    case 'f32': return (w.u32(T.F32), w.f32(v.value));
    case 'bool': return (w.u32(T.BOOL), w.raw(Buffer.from([v.value ? 1 : 0])));
    case 'string': return (w.u32(T.STRING), w.string(v.value));
    case 'strings': return (w.u32(T.ARRAY), w.u32(T.STRING), w.u64(v.value.length), v.value.forEach((s) => w.string(s)));
    case 'f32s': return (w.u32(T.ARRAY), w.u32(T.F32), w.u64(v.value.length), v.value.forEach((n) => w.f32(n)));
    case 'i32s': return (w.u32(T.ARRAY), w.u32(T.I32), w.u64(v.value.length), v.value.forEach((n) => w.i32(n)));
  }
}

/** ChatML, the template llama.cpp and node-llama-cpp both recognise. */
export const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

export interface TinyModelOptions {
  seed?: number;
  /** Extra normal tokens (whole strings, e.g. a tool-call prefix) appended to the vocabulary. */
  extraTokens?: string[];
  /**
   * Instead of random weights, a next-token table: the model then always answers the token after `from` with `to`
   * (and anything else with `otherwise`). Attention and feed-forward outputs are zero, so the last token alone decides:
   * embeddings are one-hot and the output matrix maps each token to its successor (embedding >= vocabulary size).
   */
  transitions?: { next: { from: string; to: string }[]; otherwise: string };
  embedding?: number;
  heads?: number;
  feedForward?: number;
  blocks?: number;
  context?: number;
}

/**
 * Writes a tiny llama-architecture GGUF with random F32 weights: a SentencePiece-style byte-level vocabulary
 * (<unk>, <s>, </s>, the 256 byte tokens <0x00>..<0xFF>, ChatML's <|im_start|>/<|im_end|>, and the space piece) and a ChatML chat
 * template in its metadata. It generates nonsense, fast: enough to drive a runtime end to end in tests.
 */
export async function writeTinyLlamaGguf(path: string, options: TinyModelOptions = {}): Promise<{ vocabulary: number; bytes: number }> {
  const byteToken = (i: number) => `<0x${i.toString(16).toUpperCase().padStart(2, '0')}>`;
  const extra = options.extraTokens ?? [];
  const tokens = ['<unk>', '<s>', '</s>', ...Array.from({ length: 256 }, (_, i) => byteToken(i)), '<|im_start|>', '<|im_end|>', '\u2581', ...extra];
  // llama.cpp token types: 1 normal, 2 unknown, 3 control, 6 byte. SentencePiece writes a space as U+2581, a normal token.
  const types = tokens.map((t, i) => (i === 0 ? 2 : i <= 2 || t === '<|im_start|>' || t === '<|im_end|>' ? 3 : i < 259 ? 6 : 1));
  const nVocab = tokens.length;
  const transitions = options.transitions;
  const nEmbd = options.embedding ?? (transitions ? Math.ceil(nVocab / 8) * 8 : 32);
  const heads = options.heads ?? 4;
  const nFf = options.feedForward ?? 64;
  const blocks = options.blocks ?? 1;
  if (transitions && nEmbd < nVocab) throw new Error(`a next-token table needs embedding >= vocabulary size (${nVocab}), got ${nEmbd}`);
  // A single character is its byte token (ASCII only); anything else must be a whole token of the vocabulary.
  const idOf = (t: string) => {
    const id = t.length === 1 && t.charCodeAt(0) < 128 ? 3 + t.charCodeAt(0) : tokens.indexOf(t);
    if (id < 0) throw new Error(`token "${t}" is not in the vocabulary`);
    return id;
  };
  const successor = new Map((transitions?.next ?? []).map((n) => [idOf(n.from), idOf(n.to)]));
  const otherwise = transitions ? idOf(transitions.otherwise) : 0;
  const metadata: [string, Value][] = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: 'tiny-random-llama' }],
    ['general.alignment', { type: 'u32', value: ALIGNMENT }],
    ['general.file_type', { type: 'u32', value: 0 }],
    ['llama.context_length', { type: 'u32', value: options.context ?? 512 }],
    ['llama.embedding_length', { type: 'u32', value: nEmbd }],
    ['llama.block_count', { type: 'u32', value: blocks }],
    ['llama.feed_forward_length', { type: 'u32', value: nFf }],
    ['llama.attention.head_count', { type: 'u32', value: heads }],
    ['llama.attention.head_count_kv', { type: 'u32', value: heads }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.rope.dimension_count', { type: 'u32', value: nEmbd / heads }],
    ['llama.vocab_size', { type: 'u32', value: nVocab }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'strings', value: tokens }],
    ['tokenizer.ggml.scores', { type: 'f32s', value: tokens.map(() => 0) }],
    ['tokenizer.ggml.token_type', { type: 'i32s', value: types }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: tokens.indexOf('<|im_end|>') }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', value: 0 }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_space_prefix', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'string', value: CHATML_TEMPLATE }],
  ];
  // ggml dimension order: ne[0] is the row length (the input side of a matrix).
  const tensors: [string, number[]][] = [['token_embd.weight', [nEmbd, nVocab]]];
  for (let b = 0; b < blocks; b++) {
    tensors.push(
      [`blk.${b}.attn_norm.weight`, [nEmbd]],
      [`blk.${b}.attn_q.weight`, [nEmbd, nEmbd]],
      [`blk.${b}.attn_k.weight`, [nEmbd, nEmbd]],
      [`blk.${b}.attn_v.weight`, [nEmbd, nEmbd]],
      [`blk.${b}.attn_output.weight`, [nEmbd, nEmbd]],
      [`blk.${b}.ffn_norm.weight`, [nEmbd]],
      [`blk.${b}.ffn_gate.weight`, [nEmbd, nFf]],
      [`blk.${b}.ffn_up.weight`, [nEmbd, nFf]],
      [`blk.${b}.ffn_down.weight`, [nFf, nEmbd]],
    );
  }
  tensors.push(['output_norm.weight', [nEmbd]], ['output.weight', [nEmbd, nVocab]]);

  const w = new Writer();
  w.raw(Buffer.from('GGUF', 'ascii'));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(metadata.length);
  for (const [key, value] of metadata) {
    w.string(key);
    writeValue(w, value);
  }
  const prng = createPrng(options.seed ?? 7); // deterministic: the "random" weights are the same on every run
  const next = () => prng.next();
  const data: Buffer[] = [];
  let offset = 0;
  for (const [name, dims] of tensors) {
    const count = dims.reduce((a, b) => a * b, 1);
    const values = new Float32Array(count);
    const norm = name.endsWith('norm.weight');
    if (!transitions) {
      for (let i = 0; i < count; i++) values[i] = norm ? 1 : (next() - 0.5) * 0.2;
    } else if (norm) {
      values.fill(1);
    } else if (name === 'token_embd.weight') {
      for (let t = 0; t < nVocab; t++) values[t * nEmbd + t] = 1;
    } else if (name === 'output.weight') {
      for (let t = 0; t < nVocab; t++) values[(successor.get(t) ?? otherwise) * nEmbd + t] = 1;
    } else if (!name.endsWith('attn_output.weight') && !name.endsWith('ffn_down.weight')) {
      for (let i = 0; i < count; i++) values[i] = (next() - 0.5) * 0.2;
    }
    w.string(name);
    w.u32(dims.length);
    for (const d of dims) w.u64(d);
    w.u32(0); // GGML_TYPE_F32
    w.u64(offset);
    const bytes = Buffer.from(values.buffer);
    const padded = Math.ceil(bytes.length / ALIGNMENT) * ALIGNMENT;
    data.push(bytes, Buffer.alloc(padded - bytes.length));
    offset += padded;
  }
  w.pad();
  for (const d of data) w.raw(d);
  const file = w.buffer();
  await writeFile(path, file);
  return { vocabulary: nVocab, bytes: file.length };
}
