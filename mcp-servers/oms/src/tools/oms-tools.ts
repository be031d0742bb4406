import type { AnyToolDefinition } from '@agentic-commerce/kit';
import type { OmsPorts } from '../ports/pricing-port.ts';
import type { OmsBackend } from '../store/oms-backend.ts';
import { calculate } from './calculate.ts';
import { cancelPendingOrderTool } from './cancel-pending-order.ts';
import { createOrderTool } from './create-order.ts';
import { exchangeDeliveredOrderItems } from './exchange-delivered-order-items.ts';
import { findUserIdByEmail } from './find-user-id-by-email.ts';
import { findUserIdByNameZip } from './find-user-id-by-name-zip.ts';
import { getOrderDetails } from './get-order-details.ts';
import { getOrderStatus } from './get-order-status.ts';
import { getProductDetails } from './get-product-details.ts';
import { getUserDetails } from './get-user-details.ts';
import { listAllProductTypes } from './list-all-product-types.ts';
import { listCustomerOrders } from './list-customer-orders.ts';
import { modifyPendingOrderAddress } from './modify-pending-order-address.ts';
import { modifyPendingOrderItemsTool } from './modify-pending-order-items.ts';
import { modifyPendingOrderPayment } from './modify-pending-order-payment.ts';
import { modifyUserAddress } from './modify-user-address.ts';
import { returnDeliveredOrderItems } from './return-delivered-order-items.ts';
import { think } from './think.ts';
import { transferToHumanAgents } from './transfer-to-human-agents.ts';

/** Every OMS tool: the 16 τ-bench retail tools, then the storefront ones. */
export function omsTools(ports: OmsPorts = {}): AnyToolDefinition<OmsBackend>[] {
  return [
    findUserIdByEmail,
    findUserIdByNameZip,
    getUserDetails,
    getOrderDetails,
    getProductDetails,
    listAllProductTypes,
    cancelPendingOrderTool(ports),
    modifyPendingOrderAddress,
    modifyPendingOrderPayment,
    modifyPendingOrderItemsTool(ports),
    modifyUserAddress,
    returnDeliveredOrderItems,
    exchangeDeliveredOrderItems,
    calculate,
    think,
    transferToHumanAgents,
    listCustomerOrders,
    getOrderStatus,
    createOrderTool(ports),
  ];
}
