import { describe, expect, it } from 'vitest';
import { connectorFromEnv } from './connector-from-env.ts';

const mint = () => 'token';

describe('connectorFromEnv', () => {
  it('returns nothing when no external servers are configured', () => {
    expect(connectorFromEnv({}, mint)).toBeUndefined();
  });

  it('accepts HTTP endpoints and stdio commands', () => {
    expect(connectorFromEnv({ MCP_ENDPOINTS: '{"oms":"http://127.0.0.1:3101/mcp"}' }, mint)).toHaveProperty('open');
    expect(connectorFromEnv({ MCP_STDIO: '{"oms":{"command":"node","args":["oms.js"]}}' }, mint)).toHaveProperty('open');
  });

  it('says what is wrong and what is accepted', () => {
    expect(() => connectorFromEnv({ MCP_ENDPOINTS: '{oms}' }, mint)).toThrow(/MCP_ENDPOINTS is not valid JSON/);
    expect(() => connectorFromEnv({ MCP_ENDPOINTS: '{"oms":"not a url"}' }, mint)).toThrow(/MCP_ENDPOINTS must map system names to URLs/);
    expect(() => connectorFromEnv({ MCP_STDIO: '{"oms":{"cmd":"node"}}' }, mint)).toThrow(/MCP_STDIO must map system names to \{command/);
    expect(() => connectorFromEnv({ MCP_ENDPOINTS: '{}', MCP_STDIO: '{}' }, mint)).toThrow(/not both/);
  });
});
