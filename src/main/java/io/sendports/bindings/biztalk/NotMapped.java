package io.sendports.bindings.biztalk;

/**
 * One BizTalk element that has no Sendports equivalent, or that the translation had to change, as the bindings
 * report lists it (API.md "Bindings").
 *
 * @param entity  {@code port/<sendports name>} or {@code group/<sendports name>}
 * @param element the BizTalk element, as a path below the entity (for example {@code TransmitPipeline} or
 *                {@code PrimaryTransport/TransportTypeData/Password})
 * @param value   what the file holds there (shortened when long); empty when it holds nothing (stripped passwords)
 * @param note    what happened to it and what the operator should do
 */
public record NotMapped(String entity, String element, String value, String note) {
}
