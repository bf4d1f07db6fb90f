/**
 * The order saga ({@link io.vigil.saga.order.OrderSaga}): its data, its plain command records, and
 * the binary codec of its data. No transport types: the Streams module maps the commands to Avro.
 */
package io.vigil.saga.order;
