#!/bin/sh
# azd postdeploy hook: subscribe the blob trigger to BlobCreated events of the uploads container.
# It runs after the code is deployed because the webhook needs the blobs_extension system key,
# which the Functions host creates only once it has loaded a blob trigger with source 'EventGrid'.
# POSIX sh: azd runs posix hooks with sh, which is dash on Debian and bash 3.2 on macOS.
set -eu

: "${AZURE_RESOURCE_GROUP:?run through azd (azd up / azd deploy) so the environment is loaded}"
: "${AZURE_FUNCTION_APP_NAME:?missing azd output AZURE_FUNCTION_APP_NAME}"
: "${UPLOADS_SYSTEM_TOPIC_NAME:?missing azd output UPLOADS_SYSTEM_TOPIC_NAME}"
uploads_container="${SEGMENTWISE_UPLOADS_CONTAINER:-uploads}"
function_name="${UPLOAD_FUNCTION_NAME:-ingestUpload}"
retry_seconds="${POSTDEPLOY_RETRY_SECONDS:-15}"
subscription_name="${UPLOADS_SUBSCRIPTION_NAME:-uploads-to-$(printf '%s' "$function_name" | tr '[:upper:]' '[:lower:]')}"

echo "Waiting for the blobs_extension key of ${AZURE_FUNCTION_APP_NAME}..."
key=""
attempt=0
while [ "$attempt" -lt 20 ]; do
  attempt=$((attempt + 1))
  key="$(az functionapp keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
    --query "systemKeys.blobs_extension" --output tsv 2>/dev/null || true)"
  [ -n "$key" ] && break
  echo "  not there yet (attempt ${attempt}/20); the host creates it when it first starts"
  sleep "$retry_seconds"
done
if [ -z "$key" ]; then
  echo "The blobs_extension key never appeared. Check that the app started (Application Insights," >&2
  echo "or 'az functionapp function list') and run 'azd hooks run postdeploy' again." >&2
  exit 1
fi

host="$(az functionapp show --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
  --query "properties.defaultHostName" --output tsv)"
endpoint="https://${host}/runtime/webhooks/blobs?functionName=Host.Functions.${function_name}&code=${key}"

echo "Subscribing ${function_name} to BlobCreated events under ${uploads_container}/ (system topic ${UPLOADS_SYSTEM_TOPIC_NAME})..."
# Create or update: running the hook again converges to the same subscription.
az eventgrid system-topic event-subscription create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$UPLOADS_SYSTEM_TOPIC_NAME" \
  --name "$subscription_name" \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/${uploads_container}/blobs/" \
  --event-delivery-schema eventgridschema \
  --max-delivery-attempts 30 \
  --event-ttl 1440 \
  --output none

echo "Done: files uploaded to ${uploads_container}/<dataset>/ now start a segmentation run."
