# azd postdeploy hook: subscribe the blob triggers to BlobCreated events of their containers (uploads
# start runs; files dropped into the scoring container are scored with the latest model).
# It runs after the code is deployed because the webhook needs the blobs_extension system key,
# which the Functions host creates only once it has loaded a blob trigger with source 'EventGrid'.
$ErrorActionPreference = 'Stop'

# AZURE_SUBSCRIPTION_ID is the subscription azd deployed to; the az CLI's own default may be another one.
foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'UPLOADS_SYSTEM_TOPIC_NAME', 'AZURE_SUBSCRIPTION_ID') {
  if (-not [Environment]::GetEnvironmentVariable($name)) {
    throw "Missing ${name}: run through azd (azd up / azd deploy) so the environment is loaded."
  }
}
$subscription = $env:AZURE_SUBSCRIPTION_ID
$resourceGroup = $env:AZURE_RESOURCE_GROUP
$appName = $env:AZURE_FUNCTION_APP_NAME
$systemTopic = $env:UPLOADS_SYSTEM_TOPIC_NAME
$uploadsContainer = if ($env:SEGMENTWISE_UPLOADS_CONTAINER) { $env:SEGMENTWISE_UPLOADS_CONTAINER } else { 'uploads' }
$uploadFunctionName = if ($env:UPLOAD_FUNCTION_NAME) { $env:UPLOAD_FUNCTION_NAME } else { 'ingestUpload' }
$scoringContainer = if ($env:SEGMENTWISE_SCORING_CONTAINER) { $env:SEGMENTWISE_SCORING_CONTAINER } else { 'scoring' }
$scoringFunctionName = if ($env:SCORING_FUNCTION_NAME) { $env:SCORING_FUNCTION_NAME } else { 'scoreUpload' }
$retrySeconds = if ($env:POSTDEPLOY_RETRY_SECONDS) { [int]$env:POSTDEPLOY_RETRY_SECONDS } else { 15 }
$uploadsSubscriptionName = if ($env:UPLOADS_SUBSCRIPTION_NAME) { $env:UPLOADS_SUBSCRIPTION_NAME } else { "uploads-to-$($uploadFunctionName.ToLower())" }
$scoringSubscriptionName = if ($env:SCORING_SUBSCRIPTION_NAME) { $env:SCORING_SUBSCRIPTION_NAME } else { "scoring-to-$($scoringFunctionName.ToLower())" }

# Stops the hook with az's own words and what to do, instead of carrying on without a subscription.
function Fail([string]$what, $azOutput) {
  $said = if ($azOutput) { "`naz said:`n  " + (($azOutput | Out-String).Trim() -replace "`n", "`n  ") } else { '' }
  throw "postdeploy: $what$said`nFix that, then run 'azd hooks run postdeploy' (it is safe to repeat)."
}

Write-Host "Waiting for the blobs_extension key of $appName (subscription $subscription)..."
$key = ''
for ($attempt = 1; $attempt -le 20; $attempt++) {
  $output = az functionapp keys list --subscription $subscription --resource-group $resourceGroup --name $appName `
    --query 'systemKeys.blobs_extension' --output tsv 2>&1
  if ($LASTEXITCODE -eq 0) {
    $key = ($output | Out-String).Trim()
    if ($key) { break }
    Write-Host "  not there yet (attempt $attempt/20); the host creates it when it first starts"
  } elseif (($output | Out-String) -match 'az login|AuthorizationFailed|SubscriptionNotFound|could not be found|ResourceGroupNotFound|ResourceNotFound') {
    # Waiting cannot fix a missing login, a wrong subscription or an app that does not exist.
    Fail "could not read the keys of $appName in resource group $resourceGroup." $output
  } else {
    Write-Host "  az failed (attempt $attempt/20): $((($output | Out-String).Trim() -split "`n")[0])"
  }
  Start-Sleep -Seconds $retrySeconds
}
if (-not $key) {
  Fail "the blobs_extension key never appeared. Check that the app started (Application Insights, or 'az functionapp function list')." $output
}

$output = az functionapp show --subscription $subscription --resource-group $resourceGroup --name $appName --query 'properties.defaultHostName' --output tsv 2>&1
if ($LASTEXITCODE -ne 0 -or -not $output) { Fail "could not read the host name of $appName." $output }
$hostName = ($output | Out-String).Trim()
# Create or update: running the hook again converges to the same subscriptions.
function Subscribe([string]$functionName, [string]$container, [string]$subscriptionName, [string]$consequence) {
  $endpoint = "https://$hostName/runtime/webhooks/blobs?functionName=Host.Functions.$functionName&code=$key"
  Write-Host "Subscribing $functionName to BlobCreated events under $container/ (system topic $systemTopic)..."
  $output = az eventgrid system-topic event-subscription create `
    --subscription $subscription `
    --resource-group $resourceGroup `
    --system-topic-name $systemTopic `
    --name $subscriptionName `
    --endpoint-type webhook `
    --endpoint $endpoint `
    --included-event-types Microsoft.Storage.BlobCreated `
    --subject-begins-with "/blobServices/default/containers/$container/blobs/" `
    --event-delivery-schema eventgridschema `
    --max-delivery-attempts 30 `
    --event-ttl 1440 `
    --output none 2>&1
  if ($LASTEXITCODE -ne 0) { Fail "creating the Event Grid subscription $subscriptionName failed; $consequence until it exists." $output }
}
Subscribe $uploadFunctionName $uploadsContainer $uploadsSubscriptionName 'uploads will not start runs'
Subscribe $scoringFunctionName $scoringContainer $scoringSubscriptionName 'files dropped to be scored will not be scored'

Write-Host "Done: files uploaded to $uploadsContainer/<dataset>/ now start a segmentation run, and files dropped into $scoringContainer/<dataset>/ are scored with the dataset's latest model."
