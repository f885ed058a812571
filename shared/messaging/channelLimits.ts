import type { Channel, ChannelLimits } from './types';

/** SMS fits one 160-character segment, push previews cut off near 120, inbox subjects near 80. */
export const channelLimits: Readonly<Record<Channel, ChannelLimits>> = Object.freeze({
  email: { text: 1200, subject: 80 },
  sms: { text: 160 },
  push: { text: 120 },
});
