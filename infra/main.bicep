// Segmentwise on Azure: one resource group holding a Flex Consumption Function App, its storage
// (uploads, results, scoring drops, durable task hub), Azure OpenAI, monitoring and a user-assigned identity.
// No keys anywhere: every connection is identity-based. `azd up` deploys it (see docs/DEPLOY.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it seeds the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@description('Region for all resources. It must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Region of the Azure OpenAI account; empty for the main region. Pick one where the model below is offered.')
param openAiLocation string = ''

@description('Object id of the person running azd; gets data access to upload files and read results. Empty to skip.')
param principalId string = ''

@description('Kind of principal behind principalId: azd sets AZURE_PRINCIPAL_TYPE to User for a person and ServicePrincipal when it runs as one (CI).')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

// A model version that has passed its retirement date cannot be deployed, and its failure stops the
// whole provisioning: check `az cognitiveservices model list --location <region>` (docs/DEPLOY.md).
@description('Model deployed on Azure OpenAI for personalized messages (generally available, offered as GlobalStandard in the region).')
param openAiModelName string = 'gpt-5.4-mini'

@description('Version of that model.')
param openAiModelVersion string = '2026-03-17'

@description('Deployment SKU of the model (GlobalStandard is pay-per-token).')
param openAiDeploymentSku string = 'GlobalStandard'

@description('Capacity of the model deployment in thousands of tokens per minute.')
@minValue(1)
param openAiDeploymentCapacity int = 30

@description('Azure OpenAI data-plane API version the app calls; reasoning models (gpt-5 family, o-series) need 2025-04-01-preview or later.')
param openAiApiVersion string = '2025-04-01-preview'

@description('NCRONTAB schedule (seconds first) of the retraining timer.')
param retrainSchedule string = '0 0 3 * * *'

@description('Days a run\'s results are kept after their last change; 0 keeps them forever. The run latest.json names is always kept.')
param retentionDays string = '0'

@description('Days the hand-over files (_work/) of a run that did not complete are kept for diagnosis.')
param failedWorkDays string = '7'

@description('Memory of each Flex Consumption instance in MB; clustering a million rows needs about 1.5 GB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 4096

@description('Upper bound on instances the app scales out to (a cost guard).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Name of the function that receives uploads; the post-deploy hook points Event Grid at it.')
param uploadFunctionName string = 'ingestUpload'

@description('Name of the function that scores files dropped into the scoring container; the post-deploy hook points Event Grid at it too.')
param scoringFunctionName string = 'scoreUpload'

var uploadsContainerName = 'uploads'
var resultsContainerName = 'results'
// Files dropped here as <dataset>/<file> are scored with the dataset's latest model, without retraining.
var scoringContainerName = 'scoring'
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-segmentwise-${resourceToken}'
// Flex Consumption deploys the app package from a blob container that only the app identity reads.
var deploymentContainerName = 'app-package-${take(resourceToken, 12)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-segmentwise-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    containerNames: [
      uploadsContainerName
      resultsContainerName
      scoringContainerName
      deploymentContainerName
    ]
    systemTopicName: 'evgt-uploads-${resourceToken}'
  }
}

module openAi 'modules/openAi.bicep' = {
  name: 'openAi'
  scope: rg
  params: {
    name: 'oai-${resourceToken}'
    location: empty(openAiLocation) ? location : openAiLocation
    tags: tags
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    deploymentSku: openAiDeploymentSku
    deploymentCapacity: openAiDeploymentCapacity
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: {
      SEGMENTWISE_UPLOADS_CONTAINER: uploadsContainerName
      SEGMENTWISE_RESULTS_CONTAINER: resultsContainerName
      SEGMENTWISE_SCORING_CONTAINER: scoringContainerName
      AZURE_OPENAI_ENDPOINT: openAi.outputs.endpoint
      AZURE_OPENAI_DEPLOYMENT: openAi.outputs.deploymentName
      AZURE_OPENAI_API_VERSION: openAiApiVersion
      AZURE_OPENAI_MODEL: openAiModelName
      RETRAIN_SCHEDULE: retrainSchedule
      SEGMENTWISE_RETENTION_DAYS: retentionDays
      SEGMENTWISE_FAILED_WORK_DAYS: failedWorkDays
    }
  }
}

module roleAssignments 'modules/roleAssignments.bicep' = {
  name: 'roleAssignments'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    openAiAccountName: openAi.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

// azd stores these in .azure/<env>/.env; the post-deploy hook and docs/DEPLOY.md use them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output SEGMENTWISE_UPLOADS_CONTAINER string = uploadsContainerName
output SEGMENTWISE_RESULTS_CONTAINER string = resultsContainerName
output SEGMENTWISE_SCORING_CONTAINER string = scoringContainerName
output UPLOADS_SYSTEM_TOPIC_NAME string = storage.outputs.systemTopicName
output UPLOAD_FUNCTION_NAME string = uploadFunctionName
output SCORING_FUNCTION_NAME string = scoringFunctionName
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
output AZURE_OPENAI_DEPLOYMENT string = openAi.outputs.deploymentName
output AZURE_OPENAI_MODEL string = openAiModelName
output AZURE_OPENAI_API_VERSION string = openAiApiVersion
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
