#!/bin/sh
# azd postdeploy hook: subscribe the blob triggers to BlobCreated events of their containers (uploads
# start runs; files dropped into the scoring container are scored with the latest model).
# It runs after the code is deployed because the webhook needs the blobs_extension system key,
# which the Functions host creates only once it has loaded a blob trigger with source 'EventGrid'.
# POSIX sh: azd runs posix hooks with sh, which is dash on Debian and bash 3.2 on macOS.
set -eu

: "${AZURE_RESOURCE_GROUP:?run through azd (azd up / azd deploy) so the environment is loaded}"
: "${AZURE_FUNCTION_APP_NAME:?missing azd output AZURE_FUNCTION_APP_NAME}"
: "${UPLOADS_SYSTEM_TOPIC_NAME:?missing azd output UPLOADS_SYSTEM_TOPIC_NAME}"
# The subscription azd deployed to; the az CLI's own default may be another one.
: "${AZURE_SUBSCRIPTION_ID:?missing AZURE_SUBSCRIPTION_ID (azd sets it for the environment)}"
uploads_container="${SEGMENTWISE_UPLOADS_CONTAINER:-uploads}"
function_name="${UPLOAD_FUNCTION_NAME:-ingestUpload}"
scoring_container="${SEGMENTWISE_SCORING_CONTAINER:-scoring}"
scoring_function_name="${SCORING_FUNCTION_NAME:-scoreUpload}"
retry_seconds="${POSTDEPLOY_RETRY_SECONDS:-15}"
subscription_name="${UPLOADS_SUBSCRIPTION_NAME:-uploads-to-$(printf '%s' "$function_name" | tr '[:upper:]' '[:lower:]')}"
scoring_subscription_name="${SCORING_SUBSCRIPTION_NAME:-scoring-to-$(printf '%s' "$scoring_function_name" | tr '[:upper:]' '[:lower:]')}"
errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT

# Stops the hook with az's own words and what to do, instead of carrying on without a subscription.
fail() {
  echo "postdeploy: $1" >&2
  if [ -s "$errors" ]; then
    echo "az said:" >&2
    sed 's/^/  /' "$errors" >&2
  fi
  echo "Fix that, then run 'azd hooks run postdeploy' (it is safe to repeat)." >&2
  exit 1
}

echo "Waiting for the blobs_extension key of ${AZURE_FUNCTION_APP_NAME} (subscription ${AZURE_SUBSCRIPTION_ID})..."
key=""
attempt=0
while [ "$attempt" -lt 20 ]; do
  attempt=$((attempt + 1))
  if key="$(az functionapp keys list --subscription "$AZURE_SUBSCRIPTION_ID" --resource-group "$AZURE_RESOURCE_GROUP" \
    --name "$AZURE_FUNCTION_APP_NAME" --query "systemKeys.blobs_extension" --output tsv 2>"$errors")"; then
    [ -n "$key" ] && break
    echo "  not there yet (attempt ${attempt}/20); the host creates it when it first starts"
  elif grep -Eqi "az login|AuthorizationFailed|SubscriptionNotFound|could not be found|ResourceGroupNotFound|ResourceNotFound" "$errors"; then
    # Waiting cannot fix a missing login, a wrong subscription or an app that does not exist.
    fail "could not read the keys of ${AZURE_FUNCTION_APP_NAME} in resource group ${AZURE_RESOURCE_GROUP}."
  else
    echo "  az failed (attempt ${attempt}/20): $(head -n 1 "$errors")"
  fi
  sleep "$retry_seconds"
done
if [ -z "$key" ]; then
  fail "the blobs_extension key never appeared. Check that the app started (Application Insights, or 'az functionapp function list')."
fi

host="$(az functionapp show --subscription "$AZURE_SUBSCRIPTION_ID" --resource-group "$AZURE_RESOURCE_GROUP" \
  --name "$AZURE_FUNCTION_APP_NAME" --query "properties.defaultHostName" --output tsv 2>"$errors")" \
  || fail "could not read the host name of ${AZURE_FUNCTION_APP_NAME}."
[ -n "$host" ] || fail "${AZURE_FUNCTION_APP_NAME} has no host name yet."

# Create or update: running the hook again converges to the same subscriptions.
# $1 function, $2 container, $3 subscription name, $4 what its events do.
subscribe() {
  echo "Subscribing $1 to BlobCreated events under $2/ (system topic ${UPLOADS_SYSTEM_TOPIC_NAME})..."
  az eventgrid system-topic event-subscription create \
    --subscription "$AZURE_SUBSCRIPTION_ID" \
    --resource-group "$AZURE_RESOURCE_GROUP" \
    --system-topic-name "$UPLOADS_SYSTEM_TOPIC_NAME" \
    --name "$3" \
    --endpoint-type webhook \
    --endpoint "https://${host}/runtime/webhooks/blobs?functionName=Host.Functions.$1&code=${key}" \
    --included-event-types Microsoft.Storage.BlobCreated \
    --subject-begins-with "/blobServices/default/containers/$2/blobs/" \
    --event-delivery-schema eventgridschema \
    --max-delivery-attempts 30 \
    --event-ttl 1440 \
    --output none 2>"$errors" \
    || fail "creating the Event Grid subscription $3 failed; $4 until it exists."
}
subscribe "$function_name" "$uploads_container" "$subscription_name" "uploads will not start runs"
subscribe "$scoring_function_name" "$scoring_container" "$scoring_subscription_name" "files dropped to be scored will not be scored"

echo "Done: files uploaded to ${uploads_container}/<dataset>/ now start a segmentation run, and files dropped into ${scoring_container}/<dataset>/ are scored with the dataset's latest model."
