// Making a case from the window: it starts in this computer's zone and currency. If core does
// not know one of them (an unusual system zone), the case is made with core's own start instead,
// so a title typed is never refused for something the person did not choose.
import { api, ApiError, type Case } from './api';
import { systemDefaults } from './systemDefaults';

/** Creates a case titled `title`, starting in `start` (this computer's zone and currency). */
export async function createCase(title: string, start = systemDefaults()): Promise<Case> {
  try {
    return await api.createCase(title, start);
  } catch (e) {
    if (e instanceof ApiError && (e.field === 'time_zone' || e.field === 'reporting_currency')) {
      return api.createCase(title, null);
    }
    throw e;
  }
}
