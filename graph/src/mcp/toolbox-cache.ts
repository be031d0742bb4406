import type { ConversationIdentity } from './conversation-principal.ts';
import type { McpConnector } from './mcp-connector.ts';
import type { McpToolbox } from './mcp-toolbox.ts';

/** Keeps the toolboxes of recently active conversations open (least recently used closed first). */
export interface ToolboxCache {
  get(identity: ConversationIdentity): Promise<McpToolbox>;
  close(): Promise<void>;
}

export function toolboxCache(connector: McpConnector, maxOpen = 256): ToolboxCache {
  if (!Number.isInteger(maxOpen) || maxOpen < 1) throw new Error(`maxOpen must be a positive integer, got ${maxOpen}`);
  const open = new Map<string, Promise<McpToolbox>>();
  return {
    async get(identity) {
      const key = `${identity.conversationId}\u0000${identity.customerId ?? ''}`;
      let toolbox = open.get(key);
      if (toolbox) {
        open.delete(key);
        open.set(key, toolbox);
        return toolbox;
      }
      toolbox = connector.open(identity);
      open.set(key, toolbox);
      toolbox.catch(() => open.delete(key));
      while (open.size > maxOpen) {
        const [oldestKey, oldest] = open.entries().next().value as [string, Promise<McpToolbox>];
        open.delete(oldestKey);
        void oldest.then((t) => t.close()).catch(() => undefined);
      }
      return toolbox;
    },
    async close() {
      const all = [...open.values()];
      open.clear();
      await Promise.all(all.map((t) => t.then((x) => x.close()).catch(() => undefined)));
    },
  };
}
