import { REDACTED, isSecretFieldName, redactSecrets } from '../../../shared/telemetry/redactSecrets';

// Realistic shapes of the secrets this app handles; values are made up.
const accountKey = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6QUJDRA==';
const sasSignature = 'k3Jp%2BQx7wT9vN0aLmZ8yR4sU6eHcB1oPqW2dF5gJ0i8%3D';
const functionKey = 'pQ7vR2xK9mN4bT6wY1zA8cD3eF5gH0jL2nM4pQ6rS8tU==';
const openAiKey = '0123456789abcdef0123456789abcdef';
const jwt =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3N0b3JhZ2UuYXp1cmUuY29tIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMTIzNDU2';

describe('redactSecrets', () => {
  it('hides the account key of a storage connection string and keeps the rest readable', () => {
    const text = `DefaultEndpointsProtocol=https;AccountName=stsegmentwise;AccountKey=${accountKey};EndpointSuffix=core.windows.net`;
    expect(redactSecrets(text)).toBe(
      `DefaultEndpointsProtocol=https;AccountName=stsegmentwise;AccountKey=${REDACTED};EndpointSuffix=core.windows.net`,
    );
  });

  it('hides Azurite-style and Service Bus keys wherever they sit in a message', () => {
    const text = `connect failed for "AccountName=devstoreaccount1;AccountKey=${accountKey}" and Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=${functionKey}`;
    const redacted = redactSecrets(text);
    expect(redacted).not.toContain(accountKey);
    expect(redacted).not.toContain(functionKey);
    expect(redacted).toContain('AccountName=devstoreaccount1');
    expect(redacted).toContain('SharedAccessKeyName=root');
  });

  it('hides the signature of a SAS URL but keeps its path and expiry', () => {
    const url = `https://st1.blob.core.windows.net/results/telco/abc/report.html?sv=2024-08-04&se=2026-11-23T20%3A00%3A00Z&sr=b&sp=r&sig=${sasSignature}`;
    const redacted = redactSecrets(`download link: ${url}`);
    expect(redacted).not.toContain(sasSignature);
    expect(redacted).toContain('https://st1.blob.core.windows.net/results/telco/abc/report.html?sv=2024-08-04');
    expect(redacted).toContain('se=2026-11-23T20%3A00%3A00Z');
    expect(redacted).toContain(`&sig=${REDACTED}`);
  });

  it('hides function keys in ?code= and the Event Grid webhook URL', () => {
    const url = `https://func-x.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.ingestUpload&code=${functionKey}`;
    const redacted = redactSecrets(url);
    expect(redacted).toBe(
      `https://func-x.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.ingestUpload&code=${REDACTED}`,
    );
  });

  it('hides api-key values in headers, JSON and key=value text', () => {
    for (const text of [
      `api-key: ${openAiKey}`,
      `{"headers":{"api-key":"${openAiKey}","accept":"application/json"}}`,
      `AZURE_OPENAI_API_KEY=${openAiKey}`,
      `x-functions-key=${openAiKey}`,
      `request failed with apiKey '${openAiKey}'`,
    ]) {
      const redacted = redactSecrets(text);
      expect(redacted).not.toContain(openAiKey);
      expect(redacted).toContain(REDACTED);
    }
    expect(redactSecrets(`{"api-key":"${openAiKey}","accept":"application/json"}`)).toBe(
      `{"api-key":"${REDACTED}","accept":"application/json"}`,
    );
  });

  it('hides Bearer tokens and bare JWTs', () => {
    expect(redactSecrets(`Authorization: Bearer ${jwt}`)).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactSecrets(`token was ${jwt}.`)).toBe(`token was ${REDACTED}.`);
  });

  it('hides passwords inside URLs and SQL-style connection strings', () => {
    expect(redactSecrets('proxy http://user:s3cretPass@proxy.local:8080')).toBe(`proxy http://user:${REDACTED}@proxy.local:8080`);
    expect(redactSecrets('Server=tcp:db;User ID=app;Password=Hunter2!;')).toBe(`Server=tcp:db;User ID=app;Password=${REDACTED};`);
  });

  it('leaves ordinary log text alone', () => {
    const text =
      'run 3f2a9c1b0d4e5f60 on dataset telco: k=4, silhouette 0.41, 7043 rows; see results/telco/3f2a9c1b0d4e5f60/report.html (password reset segment is 12%)';
    expect(redactSecrets(text)).toBe(text);
    expect(redactSecrets('https://st1.blob.core.windows.net/uploads/telco/telco.csv')).toBe(
      'https://st1.blob.core.windows.net/uploads/telco/telco.csv',
    );
  });
});

describe('isSecretFieldName', () => {
  it.each([
    'apiKey',
    'api-key',
    'AZURE_OPENAI_API_KEY',
    'authorization',
    'Authorization',
    'connectionString',
    'AzureWebJobsStorage_connectionString',
    'password',
    'clientSecret',
    'sasToken',
    'accessToken',
    'accountKey',
    'sig',
    'code',
  ])('treats %s as a secret', (name) => expect(isSecretFieldName(name)).toBe(true));

  it.each(['runId', 'dataset', 'promptTokens', 'segment', 'keyColumn', 'customerId', 'tokenCount', 'statusCode'])(
    'does not treat %s as a secret',
    (name) => expect(isSecretFieldName(name)).toBe(false),
  );
});
