# azd postdeploy hook: subscribe the blob trigger to BlobCreated events of the uploads container.
# It runs after the code is deployed because the webhook needs the blobs_extension system key,
# which the Functions host creates only once it has loaded a blob trigger with source 'EventGrid'.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'UPLOADS_SYSTEM_TOPIC_NAME') {
  if (-not [Environment]::GetEnvironmentVariable($name)) {
    throw "Missing ${name}: run through azd (azd up / azd deploy) so the environment is loaded."
  }
}
$resourceGroup = $env:AZURE_RESOURCE_GROUP
$appName = $env:AZURE_FUNCTION_APP_NAME
$systemTopic = $env:UPLOADS_SYSTEM_TOPIC_NAME
$uploadsContainer = if ($env:SEGMENTWISE_UPLOADS_CONTAINER) { $env:SEGMENTWISE_UPLOADS_CONTAINER } else { 'uploads' }
$functionName = if ($env:UPLOAD_FUNCTION_NAME) { $env:UPLOAD_FUNCTION_NAME } else { 'ingestUpload' }
$retrySeconds = if ($env:POSTDEPLOY_RETRY_SECONDS) { [int]$env:POSTDEPLOY_RETRY_SECONDS } else { 15 }
$subscriptionName = if ($env:UPLOADS_SUBSCRIPTION_NAME) { $env:UPLOADS_SUBSCRIPTION_NAME } else { "uploads-to-$($functionName.ToLower())" }

Write-Host "Waiting for the blobs_extension key of $appName..."
$key = ''
for ($attempt = 1; $attempt -le 20; $attempt++) {
  $key = az functionapp keys list --resource-group $resourceGroup --name $appName `
    --query 'systemKeys.blobs_extension' --output tsv 2>$null
  if ($LASTEXITCODE -eq 0 -and $key) { break }
  Write-Host "  not there yet (attempt $attempt/20); the host creates it when it first starts"
  Start-Sleep -Seconds $retrySeconds
}
if (-not $key) {
  throw "The blobs_extension key never appeared. Check that the app started, then run 'azd hooks run postdeploy' again."
}

$hostName = az functionapp show --resource-group $resourceGroup --name $appName --query 'properties.defaultHostName' --output tsv
$endpoint = "https://$hostName/runtime/webhooks/blobs?functionName=Host.Functions.$functionName&code=$key"

Write-Host "Subscribing $functionName to BlobCreated events under $uploadsContainer/ (system topic $systemTopic)..."
# Create or update: running the hook again converges to the same subscription.
az eventgrid system-topic event-subscription create `
  --resource-group $resourceGroup `
  --system-topic-name $systemTopic `
  --name $subscriptionName `
  --endpoint-type webhook `
  --endpoint $endpoint `
  --included-event-types Microsoft.Storage.BlobCreated `
  --subject-begins-with "/blobServices/default/containers/$uploadsContainer/blobs/" `
  --event-delivery-schema eventgridschema `
  --max-delivery-attempts 30 `
  --event-ttl 1440 `
  --output none
if ($LASTEXITCODE -ne 0) { throw 'Creating the Event Grid subscription failed.' }

Write-Host "Done: files uploaded to $uploadsContainer/<dataset>/ now start a segmentation run."
