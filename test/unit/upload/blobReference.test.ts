import { ResourceFactoryResolver } from '@azure/functions-extensions-base';
import {
  blobReferenceSource,
  isBlobReference,
  readBlobReference,
  registerBlobReferenceFactory,
} from '../../../functions/bindings/blobReference';
import { blobReferenceData } from '../../../local/blobTriggerData';

describe('blob references (SDK-type binding): a name instead of the bytes', () => {
  it('reads what the host sends: JSON naming connection, container and blob', () => {
    const data = blobReferenceData('AzureWebJobsStorage', 'uploads', 'telco/customers.csv');
    expect(data).toMatchObject({ source: blobReferenceSource, contentType: 'application/json' });
    expect(readBlobReference(data)).toEqual({ connection: 'AzureWebJobsStorage', containerName: 'uploads', blobName: 'telco/customers.csv' });
    expect(readBlobReference([data])).toEqual(readBlobReference(data));
  });

  it('refuses a reference without a blob name rather than guessing one', () => {
    expect(() => readBlobReference({ source: blobReferenceSource, content: Buffer.from('{"ContainerName":"uploads"}') })).toThrow(/no container and blob name/);
    expect(() => readBlobReference({ source: blobReferenceSource, content: null })).toThrow(/no container and blob name/);
  });

  it('registers once with the resolver @azure/functions asks, and turns binding data into a reference', () => {
    registerBlobReferenceFactory();
    registerBlobReferenceFactory();
    const resolver = ResourceFactoryResolver.getInstance();
    expect(resolver.hasResourceFactory(blobReferenceSource)).toBe(true);
    const client = resolver.createClient(blobReferenceSource, blobReferenceData('AzureWebJobsStorage', 'uploads', 'a/b.csv'));
    expect(isBlobReference(client)).toBe(true);
    expect(client).toMatchObject({ blobName: 'a/b.csv' });
    expect(isBlobReference(Buffer.from('bytes'))).toBe(false);
  });
});
