/** The same feed as https:// (browsers, Google "Per URL") and webcal:// (opens the calendar app to subscribe). */
export interface SubscriptionLinks {
  httpsUrl: string;
  webcalUrl: string;
}

export function subscriptionLinks(baseUrl: string, path: string): SubscriptionLinks {
  const httpsUrl = `${baseUrl}${path}`;
  return { httpsUrl, webcalUrl: httpsUrl.replace(/^https?:\/\//, 'webcal://') };
}
