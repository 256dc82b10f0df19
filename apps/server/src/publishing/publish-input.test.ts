import { describe, expect, it } from 'vitest';

import { PublishInputSchema } from './publish-input';

const base = {
  flowId: '0d6f4a52-3b0e-4f43-9a51-0a3a7a1f6c11',
  connectionIds: ['7f1c2b8e-8d4e-4c7a-9d1e-2b9c0f3e5a77'],
};

function endpointProblem(endpointUri: string): string | undefined {
  const parsed = PublishInputSchema.safeParse({ ...base, endpointUri });

  return parsed.success ? undefined : parsed.error.issues.map((issue) => issue.message).join('; ');
}

describe('the endpoint URI of a publish', () => {
  it('takes https, and plain http only to this machine', () => {
    expect(endpointProblem('https://flows.example.com/endpoint/1')).toBeUndefined();
    expect(endpointProblem('http://127.0.0.1:3000/endpoint/1')).toBeUndefined();
    expect(endpointProblem('http://localhost:3000/endpoint/1')).toBeUndefined();
  });

  it('refuses other schemes and plain http elsewhere before anything reaches Meta', () => {
    const https = 'the endpoint URI must start with https:// (plain http only to this machine)';

    expect(endpointProblem('javascript:alert(1)')).toBe(https);
    expect(endpointProblem('http://flows.example.com/endpoint/1')).toBe(https);
    expect(endpointProblem('ftp://flows.example.com/endpoint/1')).toBe(https);
    expect(endpointProblem('not a url')).toBe('the endpoint URI must be a URL');
  });
});
