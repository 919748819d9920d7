import { apiRoute } from '@/app/api/api-route';
import { agreementResponse } from './response';

export const GET = apiRoute(async (request, ctx) => agreementResponse(request, ctx, null));
