// Azure OpenAI with key auth disabled: the app calls it with its managed identity
// (Cognitive Services OpenAI User), so AZURE_OPENAI_API_KEY is never set on Azure.
param name string
param location string
param tags object
param modelName string
param modelVersion string
param deploymentSku string
param deploymentCapacity int

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    // A custom subdomain is what makes Entra ID tokens work against the account.
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: modelName
  sku: {
    name: deploymentSku
    capacity: deploymentCapacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: modelName
      version: modelVersion
    }
    // Moves to the model's next version only when this one expires, so a retirement never stops messages.
    versionUpgradeOption: 'OnceCurrentVersionExpired'
  }
}

output name string = account.name
output endpoint string = account.properties.endpoint
output deploymentName string = deployment.name
