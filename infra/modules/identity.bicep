// The one identity the app uses for storage, durable state, Azure OpenAI and telemetry.
// User-assigned so role assignments exist before the app first starts (no cold-start 403s).
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
