import type { Channel, ChannelLimits } from './types';

/**
 * SMS fits one 160-character segment; push shows a title (about 50 characters) over a body lock
 * screens cut near 178; inbox subjects near 80. Push limits can be changed by settings (MessagePolicy).
 */
export const channelLimits: Readonly<Record<Channel, ChannelLimits>> = Object.freeze({
  email: { text: 1200, subject: 80 },
  sms: { text: 160 },
  push: { text: 178, title: 50 },
});
