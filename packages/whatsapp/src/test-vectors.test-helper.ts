import { readFileSync } from 'node:fs';

export function readVector<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../test-data/${file}`, import.meta.url), 'utf8')) as T;
}

export interface EndpointVector {
  private_key_pem: string;
  private_key_passphrase: string;
  request_body: { encrypted_flow_data: string; encrypted_aes_key: string; initial_vector: string };
  expected_decrypted_plaintext: string;
  response_plaintext_utf8: string;
  expected_encrypted_response_base64: string;
}

export interface SignatureVector {
  app_secret: string;
  raw_request_body: string;
  x_hub_signature_256: string;
}

export interface MediaVector {
  cdn_file_base64: string;
  encryption_metadata: Record<string, string>;
  expected_plaintext_base64: string;
}
