// Generated from openapi.json by npm run client:generate. Do not edit.
export interface paths {
    "/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The company this key belongs to, with its business date today */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            baseCurrency: string;
                            timeZone: string;
                            isDemo: boolean;
                            today: string;
                            /** @enum {string} */
                            role: "admin" | "ar_manager" | "collector" | "viewer";
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Company details printed on invoices and e-invoices (admin): legal name, VAT id, address, bank account */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        legalName?: string | null;
                        taxId?: string | null;
                        addressLine?: string | null;
                        city?: string | null;
                        postalCode?: string | null;
                        countryCode?: string | null;
                        iban?: string | null;
                        bic?: string | null;
                        email?: string | null;
                        /** @description Contact telephone printed on invoices and e-invoices */
                        phone?: string | null;
                        peppolEndpoint?: {
                            /**
                             * @description EAS code from the Peppol list, e.g. 0088 (GLN), 0204 (German Leitweg-ID), 9930 (German VAT number)
                             * @enum {string}
                             */
                            scheme: "9910" | "9913" | "9914" | "9915" | "9918" | "9919" | "9920" | "9922" | "9923" | "9924" | "9925" | "9926" | "9927" | "9928" | "9929" | "9930" | "9931" | "9932" | "9933" | "9934" | "9935" | "9936" | "9937" | "9938" | "9939" | "9940" | "9941" | "9942" | "9943" | "9944" | "9945" | "9946" | "9947" | "9948" | "9949" | "9950" | "9951" | "9952" | "9953" | "9957" | "9959" | "0002" | "0007" | "0009" | "0060" | "0088" | "0096" | "0097" | "0106" | "0130" | "0135" | "0142" | "0151" | "0183" | "0184" | "0188" | "0190" | "0191" | "0192" | "0195" | "0196" | "0198" | "0199" | "0200" | "0201" | "0204" | "0208" | "0209" | "0210" | "0211" | "0216" | "0218" | "0221" | "0225" | "0230" | "0235" | "0240" | "0242" | "0244" | "0245" | "0246" | "0248";
                            /** @description The participant id within the scheme, e.g. 4000001123452 for 0088 */
                            id: string;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            legalName: string | null;
                            taxId: string | null;
                            countryCode: string | null;
                            iban: string | null;
                            phone: string | null;
                            peppolEndpoint: {
                                scheme: string;
                                id: string;
                            } | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API keys of this tenant (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "admin" | "ar_manager" | "collector" | "viewer";
                                /** @description The first characters of the key, to tell keys apart */
                                prefix: string;
                                createdAt: string;
                                revokedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API key (admin); the key is in this response only */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        role: "admin" | "ar_manager" | "collector" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "ar_manager" | "collector" | "viewer";
                            /** @description The first characters of the key, to tell keys apart */
                            prefix: string;
                            createdAt: string;
                            revokedAt: string | null;
                            key: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an API key (admin) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "ar_manager" | "collector" | "viewer";
                            /** @description The first characters of the key, to tell keys apart */
                            prefix: string;
                            createdAt: string;
                            revokedAt: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff-users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** People who sign in to the console (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                email: string;
                                name: string;
                                /** @enum {string} */
                                role: "admin" | "ar_manager" | "collector" | "viewer";
                                disabled: boolean;
                                disabledAt: string | null;
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Give a person a console account with an email and a password (admin); the password is stored as a scrypt hash only */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        /** @enum {string} */
                        role: "admin" | "ar_manager" | "collector" | "viewer";
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "ar_manager" | "collector" | "viewer";
                            disabled: boolean;
                            disabledAt: string | null;
                            createdAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/staff-users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a person's role, or disable the account (admin); disabling signs them out everywhere */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role?: "admin" | "ar_manager" | "collector" | "viewer";
                        disabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "ar_manager" | "collector" | "viewer";
                            disabled: boolean;
                            disabledAt: string | null;
                            createdAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/audit-records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail, newest first (admin, ar_manager) */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    entityType?: string;
                    entityId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                actor: string;
                                action: string;
                                entityType: string;
                                entityId: string;
                                before: unknown;
                                after: unknown;
                                at: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The company details printed on invoices and e-invoices (change them with PATCH /v1/tenant) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            legalName: string | null;
                            taxId: string | null;
                            addressLine: string | null;
                            city: string | null;
                            postalCode: string | null;
                            countryCode: string | null;
                            iban: string | null;
                            bic: string | null;
                            email: string | null;
                            phone: string | null;
                            peppolEndpoint: {
                                scheme: string;
                                id: string;
                            } | null;
                            hasLogo: boolean;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenant/logo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The company logo as stored (404 when none is set) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Set the company logo printed on invoices, credit notes, statements and dunning letters (admin)
         * @description Send the image bytes as the body with Content-Type image/png or image/jpeg, up to 512 KB. The type is checked from the bytes themselves.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mediaType: string;
                            bytes: number;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Remove the company logo (admin) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            removed: boolean;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List customers, with search over name, email, external reference and tax id */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    search?: string;
                    includeArchived?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                email: string | null;
                                taxId: string | null;
                                addressLine: string | null;
                                city: string | null;
                                postalCode: string | null;
                                countryCode: string | null;
                                currency: string;
                                paymentTermsDays: number;
                                creditLimitMinor: number | null;
                                externalRef: string | null;
                                peppolEndpoint: {
                                    scheme: string;
                                    id: string;
                                } | null;
                                segment: string | null;
                                paymentTermsId: string | null;
                                invoiceDelivery: string;
                                attachUbl: boolean;
                                language: string;
                                /** @enum {string} */
                                riskClass: "low" | "medium" | "high";
                                blockedForOrders: boolean;
                                archived: boolean;
                                createdAt: string;
                                updatedAt: string;
                                contacts?: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                    email: string | null;
                                    phone: string | null;
                                    role: string | null;
                                }[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a customer */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        email?: string | null;
                        /** @description VAT identifier */
                        taxId?: string | null;
                        addressLine?: string | null;
                        city?: string | null;
                        postalCode?: string | null;
                        countryCode?: string | null;
                        /** @description Currency the customer is invoiced in */
                        currency: string;
                        /**
                         * @description Net N days from the invoice date
                         * @default 30
                         */
                        paymentTermsDays?: number;
                        /** @description Named payment terms of the tenant; when set they apply instead of net paymentTermsDays */
                        paymentTermsId?: string | null;
                        /** @description Credit limit in minor units of the customer currency; null for none; omitted: the tenant's default for the segment */
                        creditLimitMinor?: number | null;
                        /** @description The customer number in another system */
                        externalRef?: string | null;
                        peppolEndpoint?: {
                            /**
                             * @description EAS code from the Peppol list, e.g. 0088 (GLN), 0204 (German Leitweg-ID), 9930 (German VAT number)
                             * @enum {string}
                             */
                            scheme: "9910" | "9913" | "9914" | "9915" | "9918" | "9919" | "9920" | "9922" | "9923" | "9924" | "9925" | "9926" | "9927" | "9928" | "9929" | "9930" | "9931" | "9932" | "9933" | "9934" | "9935" | "9936" | "9937" | "9938" | "9939" | "9940" | "9941" | "9942" | "9943" | "9944" | "9945" | "9946" | "9947" | "9948" | "9949" | "9950" | "9951" | "9952" | "9953" | "9957" | "9959" | "0002" | "0007" | "0009" | "0060" | "0088" | "0096" | "0097" | "0106" | "0130" | "0135" | "0142" | "0151" | "0183" | "0184" | "0188" | "0190" | "0191" | "0192" | "0195" | "0196" | "0198" | "0199" | "0200" | "0201" | "0204" | "0208" | "0209" | "0210" | "0211" | "0216" | "0218" | "0221" | "0225" | "0230" | "0235" | "0240" | "0242" | "0244" | "0245" | "0246" | "0248";
                            /** @description The participant id within the scheme, e.g. 4000001123452 for 0088 */
                            id: string;
                        } | null;
                        /** @description Customer segment: selects price lists and the default credit limit */
                        segment?: string | null;
                        /**
                         * @description Issued invoices are emailed (to email) or not
                         * @enum {string}
                         */
                        invoiceDelivery?: "email" | "none";
                        /** @description Attach the UBL e-invoice to invoice emails */
                        attachUbl?: boolean;
                        /** @enum {string} */
                        language?: "en" | "de";
                        /** @enum {string} */
                        riskClass?: "low" | "medium" | "high";
                        /** @description Credit stop: no new orders */
                        blockedForOrders?: boolean;
                        contacts?: {
                            name: string;
                            email?: string | null;
                            phone?: string | null;
                            /** @description e.g. billing, accounts payable, purchasing */
                            role?: string | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            email: string | null;
                            taxId: string | null;
                            addressLine: string | null;
                            city: string | null;
                            postalCode: string | null;
                            countryCode: string | null;
                            currency: string;
                            paymentTermsDays: number;
                            creditLimitMinor: number | null;
                            externalRef: string | null;
                            peppolEndpoint: {
                                scheme: string;
                                id: string;
                            } | null;
                            segment: string | null;
                            paymentTermsId: string | null;
                            invoiceDelivery: string;
                            attachUbl: boolean;
                            language: string;
                            /** @enum {string} */
                            riskClass: "low" | "medium" | "high";
                            blockedForOrders: boolean;
                            archived: boolean;
                            createdAt: string;
                            updatedAt: string;
                            contacts?: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                email: string | null;
                                phone: string | null;
                                role: string | null;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a customer with its contacts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            email: string | null;
                            taxId: string | null;
                            addressLine: string | null;
                            city: string | null;
                            postalCode: string | null;
                            countryCode: string | null;
                            currency: string;
                            paymentTermsDays: number;
                            creditLimitMinor: number | null;
                            externalRef: string | null;
                            peppolEndpoint: {
                                scheme: string;
                                id: string;
                            } | null;
                            segment: string | null;
                            paymentTermsId: string | null;
                            invoiceDelivery: string;
                            attachUbl: boolean;
                            language: string;
                            /** @enum {string} */
                            riskClass: "low" | "medium" | "high";
                            blockedForOrders: boolean;
                            archived: boolean;
                            createdAt: string;
                            updatedAt: string;
                            contacts?: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                email: string | null;
                                phone: string | null;
                                role: string | null;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a customer that has no documents (one with documents can only be archived) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a customer (not its currency) */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        email?: string | null;
                        /** @description VAT identifier */
                        taxId?: string | null;
                        addressLine?: string | null;
                        city?: string | null;
                        postalCode?: string | null;
                        countryCode?: string | null;
                        /**
                         * @description Net N days from the invoice date
                         * @default 30
                         */
                        paymentTermsDays?: number;
                        /** @description Named payment terms of the tenant; when set they apply instead of net paymentTermsDays */
                        paymentTermsId?: string | null;
                        /** @description Credit limit in minor units of the customer currency; null for none; omitted: the tenant's default for the segment */
                        creditLimitMinor?: number | null;
                        /** @description The customer number in another system */
                        externalRef?: string | null;
                        peppolEndpoint?: {
                            /**
                             * @description EAS code from the Peppol list, e.g. 0088 (GLN), 0204 (German Leitweg-ID), 9930 (German VAT number)
                             * @enum {string}
                             */
                            scheme: "9910" | "9913" | "9914" | "9915" | "9918" | "9919" | "9920" | "9922" | "9923" | "9924" | "9925" | "9926" | "9927" | "9928" | "9929" | "9930" | "9931" | "9932" | "9933" | "9934" | "9935" | "9936" | "9937" | "9938" | "9939" | "9940" | "9941" | "9942" | "9943" | "9944" | "9945" | "9946" | "9947" | "9948" | "9949" | "9950" | "9951" | "9952" | "9953" | "9957" | "9959" | "0002" | "0007" | "0009" | "0060" | "0088" | "0096" | "0097" | "0106" | "0130" | "0135" | "0142" | "0151" | "0183" | "0184" | "0188" | "0190" | "0191" | "0192" | "0195" | "0196" | "0198" | "0199" | "0200" | "0201" | "0204" | "0208" | "0209" | "0210" | "0211" | "0216" | "0218" | "0221" | "0225" | "0230" | "0235" | "0240" | "0242" | "0244" | "0245" | "0246" | "0248";
                            /** @description The participant id within the scheme, e.g. 4000001123452 for 0088 */
                            id: string;
                        } | null;
                        /** @description Customer segment: selects price lists and the default credit limit */
                        segment?: string | null;
                        /**
                         * @description Issued invoices are emailed (to email) or not
                         * @enum {string}
                         */
                        invoiceDelivery?: "email" | "none";
                        /** @description Attach the UBL e-invoice to invoice emails */
                        attachUbl?: boolean;
                        /** @enum {string} */
                        language?: "en" | "de";
                        /** @enum {string} */
                        riskClass?: "low" | "medium" | "high";
                        /** @description Credit stop: no new orders */
                        blockedForOrders?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            email: string | null;
                            taxId: string | null;
                            addressLine: string | null;
                            city: string | null;
                            postalCode: string | null;
                            countryCode: string | null;
                            currency: string;
                            paymentTermsDays: number;
                            creditLimitMinor: number | null;
                            externalRef: string | null;
                            peppolEndpoint: {
                                scheme: string;
                                id: string;
                            } | null;
                            segment: string | null;
                            paymentTermsId: string | null;
                            invoiceDelivery: string;
                            attachUbl: boolean;
                            language: string;
                            /** @enum {string} */
                            riskClass: "low" | "medium" | "high";
                            blockedForOrders: boolean;
                            archived: boolean;
                            createdAt: string;
                            updatedAt: string;
                            contacts?: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                email: string | null;
                                phone: string | null;
                                role: string | null;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/customers/{id}/credit-reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Credit review (admin, ar_manager): set the credit limit, risk class and order block, with a note kept in the history */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        creditLimitMinor: number | null;
                        /** @enum {string} */
                        riskClass?: "low" | "medium" | "high";
                        blockedForOrders?: boolean;
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            email: string | null;
                            taxId: string | null;
                            addressLine: string | null;
                            city: string | null;
                            postalCode: string | null;
                            countryCode: string | null;
                            currency: string;
                            paymentTermsDays: number;
                            creditLimitMinor: number | null;
                            externalRef: string | null;
                            peppolEndpoint: {
                                scheme: string;
                                id: string;
                            } | null;
                            segment: string | null;
                            paymentTermsId: string | null;
                            invoiceDelivery: string;
                            attachUbl: boolean;
                            language: string;
                            /** @enum {string} */
                            riskClass: "low" | "medium" | "high";
                            blockedForOrders: boolean;
                            archived: boolean;
                            createdAt: string;
                            updatedAt: string;
                            contacts?: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                email: string | null;
                                phone: string | null;
                                role: string | null;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/credit-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every change of credit limit and risk class, oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                previousLimitMinor: number | null;
                                newLimitMinor: number | null;
                                previousRiskClass: string | null;
                                newRiskClass: string;
                                source: string;
                                note: string | null;
                                actor: string;
                                at: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a contact */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        email?: string | null;
                        phone?: string | null;
                        /** @description e.g. billing, accounts payable, purchasing */
                        role?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            email: string | null;
                            phone: string | null;
                            role: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive a customer (kept with its documents, hidden from lists) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            email: string | null;
                            taxId: string | null;
                            addressLine: string | null;
                            city: string | null;
                            postalCode: string | null;
                            countryCode: string | null;
                            currency: string;
                            paymentTermsDays: number;
                            creditLimitMinor: number | null;
                            externalRef: string | null;
                            peppolEndpoint: {
                                scheme: string;
                                id: string;
                            } | null;
                            segment: string | null;
                            paymentTermsId: string | null;
                            invoiceDelivery: string;
                            attachUbl: boolean;
                            language: string;
                            /** @enum {string} */
                            riskClass: "low" | "medium" | "high";
                            blockedForOrders: boolean;
                            archived: boolean;
                            createdAt: string;
                            updatedAt: string;
                            contacts?: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                email: string | null;
                                phone: string | null;
                                role: string | null;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List invoices and credit notes */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    customerId?: string;
                    status?: "draft" | "open" | "partially_paid" | "paid" | "void" | "applied" | "written_off";
                    kind?: "invoice" | "credit_note" | "write_off";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "invoice" | "credit_note" | "write_off";
                                number: string | null;
                                /** @enum {string} */
                                status: "draft" | "open" | "partially_paid" | "paid" | "void" | "applied" | "written_off";
                                /** Format: uuid */
                                customerId: string;
                                currency: string;
                                issueDate: string | null;
                                dueDate: string | null;
                                paymentTermsDays: number;
                                /** @description The terms in force: { due, discount?, instalments? } */
                                paymentTerms: unknown;
                                /** @description Early-payment discount if paid by discountDeadline */
                                discountMinor: number | null;
                                discountDeadline: string | null;
                                instalments: {
                                    dueDate: string;
                                    amountMinor: number;
                                }[] | null;
                                /** @description ISO 11649 structured creditor reference to quote with the payment */
                                creditorReference: string | null;
                                /** @description Base-currency units per unit of the invoice currency the ledger books it at (null in the base currency); credit notes take their invoice's rate */
                                exchangeRate: string | null;
                                writeOffReason: string | null;
                                pricesIncludeTax: boolean;
                                subtotalMinor: number;
                                taxMinor: number;
                                totalMinor: number;
                                /** @description Still to be paid (invoice) or to be used (credit note) */
                                openMinor: number;
                                creditedInvoiceId: string | null;
                                voidReason: string | null;
                                memo: string | null;
                                lines?: {
                                    position: number;
                                    description: string;
                                    quantity: string;
                                    unitPriceMinor: number;
                                    taxRatePercent: string;
                                    discountPercent: string;
                                    netMinor: number;
                                    taxMinor: number;
                                    /**
                                     * @description VAT category (UNCL5305), given or derived from the rate
                                     * @enum {string}
                                     */
                                    taxCategory: "S" | "Z" | "E" | "AE" | "G";
                                    /** @description Why no VAT is charged (E, AE, G) */
                                    taxExemptionReason: string | null;
                                }[];
                                taxSummary?: {
                                    taxRatePercent: string;
                                    baseMinor: number;
                                    taxMinor: number;
                                }[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a draft invoice (totals are computed by the server) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        customerId: string;
                        lines: {
                            description: string;
                            quantity: string;
                            /** @description Price of one unit, tax exclusive, in minor units */
                            unitPriceMinor: number;
                            /** @default 0 */
                            taxRatePercent?: string;
                            /** @description Line discount in percent */
                            discountPercent?: string;
                            /** @description VAT category (UNCL5305): S standard rated (rate above 0), Z zero rated, E exempt, AE reverse charge, G export outside the EU (rate 0). Defaults to S above 0 %, Z at 0 % */
                            taxCategory?: ("S" | "Z" | "E" | "AE" | "G") | null;
                            /** @description Why no VAT is charged, for E (required), AE (default "Reverse charge") and G (default "Export outside the EU") */
                            taxExemptionReason?: string | null;
                        }[];
                        /** @description Net N days; defaults to the customer's terms */
                        paymentTermsDays?: number;
                        /**
                         * Format: uuid
                         * @description Named payment terms of the tenant (GET /v1/payment-terms); overrides the customer's
                         */
                        paymentTermsId?: string;
                        /** @description Unit prices include VAT; defaults to the tenant's invoicing setting */
                        pricesIncludeTax?: boolean;
                        memo?: string | null;
                        /** @description For a customer invoiced in another currency than the base currency: base-currency units per unit of the invoice currency. Without it the rate in force on the issue date is used (PUT /v1/exchange-rates); with neither, issuing is refused (422 exchange_rate_missing) */
                        exchangeRate?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "invoice" | "credit_note" | "write_off";
                            number: string | null;
                            /** @enum {string} */
                            status: "draft" | "open" | "partially_paid" | "paid" | "void" | "applied" | "written_off";
                            /** Format: uuid */
                            customerId: string;
                            currency: string;
                            issueDate: string | null;
                            dueDate: string | null;
                            paymentTermsDays: number;
                            /** @description The terms in force: { due, discount?, instalments? } */
                            paymentTerms: unknown;
                            /** @description Early-payment discount if paid by discountDeadline */
                            discountMinor: number | null;
                            discountDeadline: string | null;
                            instalments: {
                                dueDate: string;
                                amountMinor: number;
                            }[] | null;
                            /** @description ISO 11649 structured creditor reference to quote with the payment */
                            creditorReference: string | null;
                            /** @description Base-currency units per unit of the invoice currency the ledger books it at (null in the base currency); credit notes take their invoice's rate */
                            exchangeRate: string | null;
                            writeOffReason: string | null;
                            pricesIncludeTax: boolean;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            /** @description Still to be paid (invoice) or to be used (credit note) */
                            openMinor: number;
                            creditedInvoiceId: string | null;
                            voidReason: string | null;
                            memo: string | null;
                            lines?: {
                                position: number;
                                description: string;
                                quantity: string;
                                unitPriceMinor: number;
                                taxRatePercent: string;
                                discountPercent: string;
                                netMinor: number;
                                taxMinor: number;
                                /**
                                 * @description VAT category (UNCL5305), given or derived from the rate
                                 * @enum {string}
                                 */
                                taxCategory: "S" | "Z" | "E" | "AE" | "G";
                                /** @description Why no VAT is charged (E, AE, G) */
                                taxExemptionReason: string | null;
                            }[];
                            taxSummary?: {
                                taxRatePercent: string;
                                baseMinor: number;
                                taxMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an invoice or credit note with its lines and tax summary */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "invoice" | "credit_note" | "write_off";
                            number: string | null;
                            /** @enum {string} */
                            status: "draft" | "open" | "partially_paid" | "paid" | "void" | "applied" | "written_off";
                            /** Format: uuid */
                            customerId: string;
                            currency: string;
                            issueDate: string | null;
                            dueDate: string | null;
                            paymentTermsDays: number;
                            /** @description The terms in force: { due, discount?, instalments? } */
                            paymentTerms: unknown;
                            /** @description Early-payment discount if paid by discountDeadline */
                            discountMinor: number | null;
                            discountDeadline: string | null;
                            instalments: {
                                dueDate: string;
                                amountMinor: number;
                            }[] | null;
                            /** @description ISO 11649 structured creditor reference to quote with the payment */
                            creditorReference: string | null;
                            /** @description Base-currency units per unit of the invoice currency the ledger books it at (null in the base currency); credit notes take their invoice's rate */
                            exchangeRate: string | null;
                            writeOffReason: string | null;
                            pricesIncludeTax: boolean;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            /** @description Still to be paid (invoice) or to be used (credit note) */
                            openMinor: number;
                            creditedInvoiceId: string | null;
                            voidReason: string | null;
                            memo: string | null;
                            lines?: {
                                position: number;
                                description: string;
                                quantity: string;
                                unitPriceMinor: number;
                                taxRatePercent: string;
                                discountPercent: string;
                                netMinor: number;
                                taxMinor: number;
                                /**
                                 * @description VAT category (UNCL5305), given or derived from the rate
                                 * @enum {string}
                                 */
                                taxCategory: "S" | "Z" | "E" | "AE" | "G";
                                /** @description Why no VAT is charged (E, AE, G) */
                                taxExemptionReason: string | null;
                            }[];
                            taxSummary?: {
                                taxRatePercent: string;
                                baseMinor: number;
                                taxMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a draft */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a draft (issued invoices are never edited) */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lines?: {
                            description: string;
                            quantity: string;
                            /** @description Price of one unit, tax exclusive, in minor units */
                            unitPriceMinor: number;
                            /** @default 0 */
                            taxRatePercent?: string;
                            /** @description Line discount in percent */
                            discountPercent?: string;
                            /** @description VAT category (UNCL5305): S standard rated (rate above 0), Z zero rated, E exempt, AE reverse charge, G export outside the EU (rate 0). Defaults to S above 0 %, Z at 0 % */
                            taxCategory?: ("S" | "Z" | "E" | "AE" | "G") | null;
                            /** @description Why no VAT is charged, for E (required), AE (default "Reverse charge") and G (default "Export outside the EU") */
                            taxExemptionReason?: string | null;
                        }[];
                        /** @description Net N days; defaults to the customer's terms */
                        paymentTermsDays?: number;
                        /**
                         * Format: uuid
                         * @description Named payment terms of the tenant (GET /v1/payment-terms); overrides the customer's
                         */
                        paymentTermsId?: string;
                        /** @description Unit prices include VAT; defaults to the tenant's invoicing setting */
                        pricesIncludeTax?: boolean;
                        memo?: string | null;
                        /** @description For a customer invoiced in another currency than the base currency: base-currency units per unit of the invoice currency. Without it the rate in force on the issue date is used (PUT /v1/exchange-rates); with neither, issuing is refused (422 exchange_rate_missing) */
                        exchangeRate?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "invoice" | "credit_note" | "write_off";
                            number: string | null;
                            /** @enum {string} */
                            status: "draft" | "open" | "partially_paid" | "paid" | "void" | "applied" | "written_off";
                            /** Format: uuid */
                            customerId: string;
                            currency: string;
                            issueDate: string | null;
                            dueDate: string | null;
                            paymentTermsDays: number;
                            /** @description The terms in force: { due, discount?, instalments? } */
                            paymentTerms: unknown;
                            /** @description Early-payment discount if paid by discountDeadline */
                            discountMinor: number | null;
                            discountDeadline: string | null;
                            instalments: {
                                dueDate: string;
                                amountMinor: number;
                            }[] | null;
                            /** @description ISO 11649 structured creditor reference to quote with the payment */
                            creditorReference: string | null;
                            /** @description Base-currency units per unit of the invoice currency the ledger books it at (null in the base currency); credit notes take their invoice's rate */
                            exchangeRate: string | null;
                            writeOffReason: string | null;
                            pricesIncludeTax: boolean;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            /** @description Still to be paid (invoice) or to be used (credit note) */
                            openMinor: number;
                            creditedInvoiceId: string | null;
                            voidReason: string | null;
                            memo: string | null;
                            lines?: {
                                position: number;
                                description: string;
                                quantity: string;
                                unitPriceMinor: number;
                                taxRatePercent: string;
                                discountPercent: string;
                                netMinor: number;
                                taxMinor: number;
                                /**
                                 * @description VAT category (UNCL5305), given or derived from the rate
                                 * @enum {string}
                                 */
                                taxCategory: "S" | "Z" | "E" | "AE" | "G";
                                /** @description Why no VAT is charged (E, AE, G) */
                                taxExemptionReason: string | null;
                            }[];
                            taxSummary?: {
                                taxRatePercent: string;
                                baseMinor: number;
                                taxMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/invoices/{id}/issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a draft: assigns the next gapless number, sets the due date and posts AR / revenue / tax */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Defaults to the tenant's today */
                        issueDate?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "invoice" | "credit_note" | "write_off";
                            number: string | null;
                            /** @enum {string} */
                            status: "draft" | "open" | "partially_paid" | "paid" | "void" | "applied" | "written_off";
                            /** Format: uuid */
                            customerId: string;
                            currency: string;
                            issueDate: string | null;
                            dueDate: string | null;
                            paymentTermsDays: number;
                            /** @description The terms in force: { due, discount?, instalments? } */
                            paymentTerms: unknown;
                            /** @description Early-payment discount if paid by discountDeadline */
                            discountMinor: number | null;
                            discountDeadline: string | null;
                            instalments: {
                                dueDate: string;
                                amountMinor: number;
                            }[] | null;
                            /** @description ISO 11649 structured creditor reference to quote with the payment */
                            creditorReference: string | null;
                            /** @description Base-currency units per unit of the invoice currency the ledger books it at (null in the base currency); credit notes take their invoice's rate */
                            exchangeRate: string | null;
                            writeOffReason: string | null;
                            pricesIncludeTax: boolean;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            /** @description Still to be paid (invoice) or to be used (credit note) */
                            openMinor: number;
                            creditedInvoiceId: string | null;
                            voidReason: string | null;
                            memo: string | null;
                            lines?: {
                                position: number;
                                description: string;
                                quantity: string;
                                unitPriceMinor: number;
                                taxRatePercent: string;
                                discountPercent: string;
                                netMinor: number;
                                taxMinor: number;
                                /**
                                 * @description VAT category (UNCL5305), given or derived from the rate
                                 * @enum {string}
                                 */
                                taxCategory: "S" | "Z" | "E" | "AE" | "G";
                                /** @description Why no VAT is charged (E, AE, G) */
                                taxExemptionReason: string | null;
                            }[];
                            taxSummary?: {
                                taxRatePercent: string;
                                baseMinor: number;
                                taxMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/credit-notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Credit part or all of an issued invoice (a return, a price correction); applied to what is still open, the rest stays as customer credit */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lines: {
                            description: string;
                            quantity: string;
                            /** @description Price of one unit, tax exclusive, in minor units */
                            unitPriceMinor: number;
                            /** @default 0 */
                            taxRatePercent?: string;
                            /** @description Line discount in percent */
                            discountPercent?: string;
                            /** @description VAT category (UNCL5305): S standard rated (rate above 0), Z zero rated, E exempt, AE reverse charge, G export outside the EU (rate 0). Defaults to S above 0 %, Z at 0 % */
                            taxCategory?: ("S" | "Z" | "E" | "AE" | "G") | null;
                            /** @description Why no VAT is charged, for E (required), AE (default "Reverse charge") and G (default "Export outside the EU") */
                            taxExemptionReason?: string | null;
                        }[];
                        reason: string;
                        /** @description Business date, YYYY-MM-DD */
                        issueDate?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "invoice" | "credit_note" | "write_off";
                            number: string | null;
                            /** @enum {string} */
                            status: "draft" | "open" | "partially_paid" | "paid" | "void" | "applied" | "written_off";
                            /** Format: uuid */
                            customerId: string;
                            currency: string;
                            issueDate: string | null;
                            dueDate: string | null;
                            paymentTermsDays: number;
                            /** @description The terms in force: { due, discount?, instalments? } */
                            paymentTerms: unknown;
                            /** @description Early-payment discount if paid by discountDeadline */
                            discountMinor: number | null;
                            discountDeadline: string | null;
                            instalments: {
                                dueDate: string;
                                amountMinor: number;
                            }[] | null;
                            /** @description ISO 11649 structured creditor reference to quote with the payment */
                            creditorReference: string | null;
                            /** @description Base-currency units per unit of the invoice currency the ledger books it at (null in the base currency); credit notes take their invoice's rate */
                            exchangeRate: string | null;
                            writeOffReason: string | null;
                            pricesIncludeTax: boolean;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            /** @description Still to be paid (invoice) or to be used (credit note) */
                            openMinor: number;
                            creditedInvoiceId: string | null;
                            voidReason: string | null;
                            memo: string | null;
                            lines?: {
                                position: number;
                                description: string;
                                quantity: string;
                                unitPriceMinor: number;
                                taxRatePercent: string;
                                discountPercent: string;
                                netMinor: number;
                                taxMinor: number;
                                /**
                                 * @description VAT category (UNCL5305), given or derived from the rate
                                 * @enum {string}
                                 */
                                taxCategory: "S" | "Z" | "E" | "AE" | "G";
                                /** @description Why no VAT is charged (E, AE, G) */
                                taxExemptionReason: string | null;
                            }[];
                            taxSummary?: {
                                taxRatePercent: string;
                                baseMinor: number;
                                taxMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/import-ubl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read a UBL 2.1 invoice raised in another system (body: the XML); with customerId it becomes a draft invoice of that customer */
        post: {
            parameters: {
                query?: {
                    customerId?: string;
                };
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue many invoices at once (admin, ar_manager): new invoices and drafts, numbered gapless, posted and dispatched as issuing each would; a re-run under the same run key issues only what is missing */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Your key for this run; defaults to the Idempotency-Key. The same key again issues only what is missing */
                        runKey?: string;
                        /** @description Defaults to the tenant's today */
                        issueDate?: string;
                        /** @description New invoices to create and issue (as POST /v1/invoices takes them) */
                        invoices?: {
                            /** Format: uuid */
                            customerId: string;
                            lines: {
                                description: string;
                                quantity: string;
                                /** @description Price of one unit, tax exclusive, in minor units */
                                unitPriceMinor: number;
                                /** @default 0 */
                                taxRatePercent?: string;
                                /** @description Line discount in percent */
                                discountPercent?: string;
                                /** @description VAT category (UNCL5305): S standard rated (rate above 0), Z zero rated, E exempt, AE reverse charge, G export outside the EU (rate 0). Defaults to S above 0 %, Z at 0 % */
                                taxCategory?: ("S" | "Z" | "E" | "AE" | "G") | null;
                                /** @description Why no VAT is charged, for E (required), AE (default "Reverse charge") and G (default "Export outside the EU") */
                                taxExemptionReason?: string | null;
                            }[];
                            /** @description Net N days; defaults to the customer's terms */
                            paymentTermsDays?: number;
                            /**
                             * Format: uuid
                             * @description Named payment terms of the tenant (GET /v1/payment-terms); overrides the customer's
                             */
                            paymentTermsId?: string;
                            /** @description Unit prices include VAT; defaults to the tenant's invoicing setting */
                            pricesIncludeTax?: boolean;
                            memo?: string | null;
                            /** @description For a customer invoiced in another currency than the base currency: base-currency units per unit of the invoice currency. Without it the rate in force on the issue date is used (PUT /v1/exchange-rates); with neither, issuing is refused (422 exchange_rate_missing) */
                            exchangeRate?: string | null;
                        }[];
                        /** @description Drafts to issue */
                        draftIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runKey: string;
                            issueDate: string;
                            requested: number;
                            /** @description Issued by this request */
                            issued: number;
                            /** @description Issued before: by an earlier request under this run key, or drafts issued since */
                            alreadyIssued: number;
                            firstNumber: string | null;
                            lastNumber: string | null;
                            /** @description Transactions the run was written in */
                            chunks: number;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoicing-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How invoices are priced: tax rounding per line or per rate, and whether prices include tax by default */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            taxRounding: "line" | "invoice";
                            pricesIncludeTax: boolean;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Set tax rounding (line: each line rounded; invoice: once per rate) and the default for tax-inclusive prices (admin) */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        taxRounding: "line" | "invoice";
                        pricesIncludeTax: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            taxRounding: "line" | "invoice";
                            pricesIncludeTax: boolean;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/number-series/{series}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Prefix and width of a document number series (admin); "{year}" in the prefix numbers each year from 1, gapless */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    series: "invoice" | "credit_note" | "sales_order" | "write_off" | "adjustment";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        prefix: string;
                        width: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            series: string;
                            prefix: string;
                            width: number;
                            example: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The invoice or credit note as a PDF (payment reference, bank details, tax summary, discount and instalments) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Statement of account PDF for a date range: opening balance, movements, closing balance and aging */
        get: {
            parameters: {
                query: {
                    /** @description Business date, YYYY-MM-DD */
                    from: string;
                    /** @description Business date, YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/ubl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The invoice or credit note as a UBL 2.1 e-invoice (Peppol BIS Billing 3.0, EN 16931)
         * @description By default the document must pass Peppol BIS Billing 3.0: without the master data Peppol needs (electronic addresses, the German rules for German buyers) the answer is 400 naming the fields to fill in. conformance=en16931 writes what the data allows.
         */
        get: {
            parameters: {
                query?: {
                    conformance?: "peppol" | "en16931";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/write-off": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Write off the open balance as uncollectable (admin, ar_manager): Dr bad-debt expense / Cr accounts receivable */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** @description Business date, YYYY-MM-DD */
                        date?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "invoice" | "credit_note" | "write_off";
                            number: string | null;
                            /** @enum {string} */
                            status: "draft" | "open" | "partially_paid" | "paid" | "void" | "applied" | "written_off";
                            /** Format: uuid */
                            customerId: string;
                            currency: string;
                            issueDate: string | null;
                            dueDate: string | null;
                            paymentTermsDays: number;
                            /** @description The terms in force: { due, discount?, instalments? } */
                            paymentTerms: unknown;
                            /** @description Early-payment discount if paid by discountDeadline */
                            discountMinor: number | null;
                            discountDeadline: string | null;
                            instalments: {
                                dueDate: string;
                                amountMinor: number;
                            }[] | null;
                            /** @description ISO 11649 structured creditor reference to quote with the payment */
                            creditorReference: string | null;
                            /** @description Base-currency units per unit of the invoice currency the ledger books it at (null in the base currency); credit notes take their invoice's rate */
                            exchangeRate: string | null;
                            writeOffReason: string | null;
                            pricesIncludeTax: boolean;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            /** @description Still to be paid (invoice) or to be used (credit note) */
                            openMinor: number;
                            creditedInvoiceId: string | null;
                            voidReason: string | null;
                            memo: string | null;
                            lines?: {
                                position: number;
                                description: string;
                                quantity: string;
                                unitPriceMinor: number;
                                taxRatePercent: string;
                                discountPercent: string;
                                netMinor: number;
                                taxMinor: number;
                                /**
                                 * @description VAT category (UNCL5305), given or derived from the rate
                                 * @enum {string}
                                 */
                                taxCategory: "S" | "Z" | "E" | "AE" | "G";
                                /** @description Why no VAT is charged (E, AE, G) */
                                taxExemptionReason: string | null;
                            }[];
                            taxSummary?: {
                                taxRatePercent: string;
                                baseMinor: number;
                                taxMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void an unpaid invoice with a full credit note (the invoice keeps its number) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** @description Business date, YYYY-MM-DD */
                        voidDate?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            invoice: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "invoice" | "credit_note" | "write_off";
                                number: string | null;
                                /** @enum {string} */
                                status: "draft" | "open" | "partially_paid" | "paid" | "void" | "applied" | "written_off";
                                /** Format: uuid */
                                customerId: string;
                                currency: string;
                                issueDate: string | null;
                                dueDate: string | null;
                                paymentTermsDays: number;
                                /** @description The terms in force: { due, discount?, instalments? } */
                                paymentTerms: unknown;
                                /** @description Early-payment discount if paid by discountDeadline */
                                discountMinor: number | null;
                                discountDeadline: string | null;
                                instalments: {
                                    dueDate: string;
                                    amountMinor: number;
                                }[] | null;
                                /** @description ISO 11649 structured creditor reference to quote with the payment */
                                creditorReference: string | null;
                                /** @description Base-currency units per unit of the invoice currency the ledger books it at (null in the base currency); credit notes take their invoice's rate */
                                exchangeRate: string | null;
                                writeOffReason: string | null;
                                pricesIncludeTax: boolean;
                                subtotalMinor: number;
                                taxMinor: number;
                                totalMinor: number;
                                /** @description Still to be paid (invoice) or to be used (credit note) */
                                openMinor: number;
                                creditedInvoiceId: string | null;
                                voidReason: string | null;
                                memo: string | null;
                                lines?: {
                                    position: number;
                                    description: string;
                                    quantity: string;
                                    unitPriceMinor: number;
                                    taxRatePercent: string;
                                    discountPercent: string;
                                    netMinor: number;
                                    taxMinor: number;
                                    /**
                                     * @description VAT category (UNCL5305), given or derived from the rate
                                     * @enum {string}
                                     */
                                    taxCategory: "S" | "Z" | "E" | "AE" | "G";
                                    /** @description Why no VAT is charged (E, AE, G) */
                                    taxExemptionReason: string | null;
                                }[];
                                taxSummary?: {
                                    taxRatePercent: string;
                                    baseMinor: number;
                                    taxMinor: number;
                                }[];
                            };
                            creditNote: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "invoice" | "credit_note" | "write_off";
                                number: string | null;
                                /** @enum {string} */
                                status: "draft" | "open" | "partially_paid" | "paid" | "void" | "applied" | "written_off";
                                /** Format: uuid */
                                customerId: string;
                                currency: string;
                                issueDate: string | null;
                                dueDate: string | null;
                                paymentTermsDays: number;
                                /** @description The terms in force: { due, discount?, instalments? } */
                                paymentTerms: unknown;
                                /** @description Early-payment discount if paid by discountDeadline */
                                discountMinor: number | null;
                                discountDeadline: string | null;
                                instalments: {
                                    dueDate: string;
                                    amountMinor: number;
                                }[] | null;
                                /** @description ISO 11649 structured creditor reference to quote with the payment */
                                creditorReference: string | null;
                                /** @description Base-currency units per unit of the invoice currency the ledger books it at (null in the base currency); credit notes take their invoice's rate */
                                exchangeRate: string | null;
                                writeOffReason: string | null;
                                pricesIncludeTax: boolean;
                                subtotalMinor: number;
                                taxMinor: number;
                                totalMinor: number;
                                /** @description Still to be paid (invoice) or to be used (credit note) */
                                openMinor: number;
                                creditedInvoiceId: string | null;
                                voidReason: string | null;
                                memo: string | null;
                                lines?: {
                                    position: number;
                                    description: string;
                                    quantity: string;
                                    unitPriceMinor: number;
                                    taxRatePercent: string;
                                    discountPercent: string;
                                    netMinor: number;
                                    taxMinor: number;
                                    /**
                                     * @description VAT category (UNCL5305), given or derived from the rate
                                     * @enum {string}
                                     */
                                    taxCategory: "S" | "Z" | "E" | "AE" | "G";
                                    /** @description Why no VAT is charged (E, AE, G) */
                                    taxExemptionReason: string | null;
                                }[];
                                taxSummary?: {
                                    taxRatePercent: string;
                                    baseMinor: number;
                                    taxMinor: number;
                                }[];
                            };
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List payments */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    customerId?: string;
                    unappliedOnly?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                customerId: string;
                                /** @enum {string} */
                                method: "bank_transfer" | "direct_debit" | "card" | "cheque" | "cash";
                                amountMinor: number;
                                currency: string;
                                valueDate: string;
                                payerName: string | null;
                                reference: string | null;
                                unappliedMinor: number;
                                /** @enum {string} */
                                status: "received" | "reversed";
                                reversedOn: string | null;
                                reversalReason: string | null;
                                /** @description The rate its cash was booked at (null in the base currency) */
                                exchangeRate: string | null;
                                allocations?: {
                                    /** Format: uuid */
                                    id: string;
                                    /** Format: uuid */
                                    invoiceId: string;
                                    amountMinor: number;
                                    currency: string;
                                    appliedOn: string;
                                }[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Record a received payment, optionally allocated to invoices of the same customer; the rest stays unapplied */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        customerId: string;
                        /** @enum {string} */
                        method: "bank_transfer" | "direct_debit" | "card" | "cheque" | "cash";
                        amountMinor: number;
                        /** @description ISO 4217 currency code, e.g. EUR */
                        currency: string;
                        /** @description The date the money was received */
                        valueDate: string;
                        payerName?: string | null;
                        /** @description The remittance reference the payer gave */
                        reference?: string | null;
                        allocations?: {
                            /** Format: uuid */
                            invoiceId: string;
                            amountMinor: number;
                        }[];
                        /** @description For a payment in another currency than the base currency: base-currency units per unit of its currency (else the rate in force on the value date). Applied to invoices booked at another rate, the difference is posted as a realised exchange gain or loss */
                        exchangeRate?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            method: "bank_transfer" | "direct_debit" | "card" | "cheque" | "cash";
                            amountMinor: number;
                            currency: string;
                            valueDate: string;
                            payerName: string | null;
                            reference: string | null;
                            unappliedMinor: number;
                            /** @enum {string} */
                            status: "received" | "reversed";
                            reversedOn: string | null;
                            reversalReason: string | null;
                            /** @description The rate its cash was booked at (null in the base currency) */
                            exchangeRate: string | null;
                            allocations?: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                invoiceId: string;
                                amountMinor: number;
                                currency: string;
                                appliedOn: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/allocations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Allocate a payment's unapplied cash to open invoices */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        allocations: {
                            /** Format: uuid */
                            invoiceId: string;
                            amountMinor: number;
                        }[];
                        /** @description Defaults to the tenant's today (never before the payment's value date) */
                        appliedOn?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            method: "bank_transfer" | "direct_debit" | "card" | "cheque" | "cash";
                            amountMinor: number;
                            currency: string;
                            valueDate: string;
                            payerName: string | null;
                            reference: string | null;
                            unappliedMinor: number;
                            /** @enum {string} */
                            status: "received" | "reversed";
                            reversedOn: string | null;
                            reversalReason: string | null;
                            /** @description The rate its cash was booked at (null in the base currency) */
                            exchangeRate: string | null;
                            allocations?: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                invoiceId: string;
                                amountMinor: number;
                                currency: string;
                                appliedOn: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a payment with its allocations */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            method: "bank_transfer" | "direct_debit" | "card" | "cheque" | "cash";
                            amountMinor: number;
                            currency: string;
                            valueDate: string;
                            payerName: string | null;
                            reference: string | null;
                            unappliedMinor: number;
                            /** @enum {string} */
                            status: "received" | "reversed";
                            reversedOn: string | null;
                            reversalReason: string | null;
                            /** @description The rate its cash was booked at (null in the base currency) */
                            exchangeRate: string | null;
                            allocations?: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                invoiceId: string;
                                amountMinor: number;
                                currency: string;
                                appliedOn: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/reversal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reverse a payment whose money did not stay (bounced cheque, chargeback, returned direct debit, entered in error); the invoices it paid are open again */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        reason: "bounced_cheque" | "chargeback" | "returned_direct_debit" | "entered_in_error";
                        /** @description When the bank took the money back; defaults to the tenant's today */
                        date?: string;
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            method: "bank_transfer" | "direct_debit" | "card" | "cheque" | "cash";
                            amountMinor: number;
                            currency: string;
                            valueDate: string;
                            payerName: string | null;
                            reference: string | null;
                            unappliedMinor: number;
                            /** @enum {string} */
                            status: "received" | "reversed";
                            reversedOn: string | null;
                            reversalReason: string | null;
                            /** @description The rate its cash was booked at (null in the base currency) */
                            exchangeRate: string | null;
                            allocations?: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                invoiceId: string;
                                amountMinor: number;
                                currency: string;
                                appliedOn: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The refunds paid out of a payment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                paymentId: string;
                                /** Format: uuid */
                                customerId: string;
                                amountMinor: number;
                                currency: string;
                                /** @enum {string} */
                                method: "bank_transfer" | "card" | "cheque" | "cash";
                                refundedOn: string;
                                reason: string;
                                gatewayRefundId: string | null;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Refund part or all of a payment's unapplied cash to the customer (card payments through their gateway) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amountMinor: number;
                        reason: string;
                        /** @description Defaults to the tenant's today */
                        date?: string;
                        /**
                         * @description How the money goes back when not through a card gateway; defaults to the way it came
                         * @enum {string}
                         */
                        method?: "bank_transfer" | "card" | "cheque" | "cash";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            refund: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                paymentId: string;
                                /** Format: uuid */
                                customerId: string;
                                amountMinor: number;
                                currency: string;
                                /** @enum {string} */
                                method: "bank_transfer" | "card" | "cheque" | "cash";
                                refundedOn: string;
                                reason: string;
                                gatewayRefundId: string | null;
                            };
                            payment: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                customerId: string;
                                /** @enum {string} */
                                method: "bank_transfer" | "direct_debit" | "card" | "cheque" | "cash";
                                amountMinor: number;
                                currency: string;
                                valueDate: string;
                                payerName: string | null;
                                reference: string | null;
                                unappliedMinor: number;
                                /** @enum {string} */
                                status: "received" | "reversed";
                                reversedOn: string | null;
                                reversalReason: string | null;
                                /** @description The rate its cash was booked at (null in the base currency) */
                                exchangeRate: string | null;
                                allocations?: {
                                    /** Format: uuid */
                                    id: string;
                                    /** Format: uuid */
                                    invoiceId: string;
                                    amountMinor: number;
                                    currency: string;
                                    appliedOn: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The chart of accounts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                code: string;
                                name: string;
                                type: string;
                                purpose: string | null;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/trial-balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Trial balance as of a date: per account and currency, debits, credits and balance; total debits equal total credits */
        get: {
            parameters: {
                query?: {
                    /** @description Business date, YYYY-MM-DD */
                    asOf?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            rows: {
                                accountCode: string;
                                accountName: string;
                                accountType: string;
                                currency: string;
                                debitMinor: number;
                                creditMinor: number;
                                balanceMinor: number;
                                /** @description The same debits in the base currency */
                                baseDebitMinor: number;
                                baseCreditMinor: number;
                                baseBalanceMinor: number;
                            }[];
                            totals: {
                                currency: string;
                                debitMinor: number;
                                creditMinor: number;
                            }[];
                            /** @description The whole ledger in the base currency: foreign-currency lines at the rates they were booked at, and realised exchange differences */
                            baseTotals: {
                                currency: string;
                                debitMinor: number;
                                creditMinor: number;
                            };
                            balanced: boolean;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/journal-entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Journal entries in posting order */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    sourceId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                entryDate: string;
                                description: string;
                                sourceType: string;
                                /** Format: uuid */
                                sourceId: string;
                                lines: {
                                    accountCode: string;
                                    accountName: string;
                                    currency: string;
                                    debitMinor: number;
                                    creditMinor: number;
                                    /** @description In the base currency (equal to debitMinor for base-currency lines) */
                                    baseDebitMinor: number;
                                    baseCreditMinor: number;
                                    customerId: string | null;
                                }[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Post a manual journal entry (admin, ar_manager); it must balance per currency and may not touch AR or unapplied cash */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Business date, YYYY-MM-DD */
                        entryDate: string;
                        description: string;
                        lines: {
                            accountCode: string;
                            /** @description ISO 4217 currency code, e.g. EUR */
                            currency: string;
                            /** @default 0 */
                            debitMinor?: number;
                            /** @default 0 */
                            creditMinor?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            entryDate: string;
                            description: string;
                            sourceType: string;
                            /** Format: uuid */
                            sourceId: string;
                            lines: {
                                accountCode: string;
                                accountName: string;
                                currency: string;
                                debitMinor: number;
                                creditMinor: number;
                                /** @description In the base currency (equal to debitMinor for base-currency lines) */
                                baseDebitMinor: number;
                                baseCreditMinor: number;
                                customerId: string | null;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exchange-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Exchange rates the tenant books foreign-currency documents at, newest first per currency */
        get: {
            parameters: {
                query?: {
                    /** @description ISO 4217 currency code, e.g. EUR */
                    currency?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                currency: string;
                                baseCurrency: string;
                                rateDate: string;
                                /** @description Base-currency units per unit of currency */
                                rate: string;
                                source: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exchange-rates/{currency}/{rateDate}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the rate of a currency from a date on (admin, ar_manager); documents already booked keep their rate
         * @description A foreign-currency invoice is booked at the rate given on it, else at the rate in force on its issue date (the latest dated on or before it); a payment likewise on its value date. Applying a payment to an invoice booked at another rate posts the difference to exchange gains and losses (7900).
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    /** @description ISO 4217 currency code, e.g. EUR */
                    currency: string;
                    /** @description Business date, YYYY-MM-DD */
                    rateDate: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rate: string;
                        source?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            baseCurrency: string;
                            rateDate: string;
                            /** @description Base-currency units per unit of currency */
                            rate: string;
                            source: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/aging": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Aged receivables as of any date, per customer and per currency
         * @description Open invoice amounts by days past due on `asOf` (asOf − due date): current (not yet due), then one bucket per boundary (default 30,60,90: 1-30, 31-60, 61-90, over 90). An invoice counts if issued on or before asOf, for its total less what was applied to it on or before asOf, so past dates show what was open then. Buckets add up to openInvoicesMinor; unapplied cash and unused credit notes are shown in their own columns; balanceMinor = open invoices − unapplied cash − unapplied credits. Totals are per currency, the tenant currency first.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Business date, YYYY-MM-DD */
                    asOf?: string;
                    /** @description Bucket upper bounds in days past due, up to 12 */
                    boundaries?: string;
                    customerId?: string;
                    /** @description Age by days past the due date (default) or by days since the invoice date */
                    basis?: "due_date" | "invoice_date";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            tenantCurrency: string;
                            /** @enum {string} */
                            basis: "due_date" | "invoice_date";
                            buckets: {
                                key: string;
                                label: string;
                                fromDays: number | null;
                                toDays: number | null;
                            }[];
                            customers: {
                                /** Format: uuid */
                                customerId: string;
                                customerName: string;
                                currency: string;
                                buckets: {
                                    [key: string]: number;
                                };
                                openInvoicesMinor: number;
                                /** @description The part of the open invoices not yet due on asOf */
                                notYetDueMinor: number;
                                unappliedCashMinor: number;
                                unappliedCreditsMinor: number;
                                balanceMinor: number;
                            }[];
                            totalsByCurrency: {
                                currency: string;
                                buckets: {
                                    [key: string]: number;
                                };
                                openInvoicesMinor: number;
                                /** @description The part of the open invoices not yet due on asOf */
                                notYetDueMinor: number;
                                unappliedCashMinor: number;
                                unappliedCreditsMinor: number;
                                balanceMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Checks the sub-ledgers against the ledger as of a date: AR control = open items, unapplied cash = unallocated payments */
        get: {
            parameters: {
                query?: {
                    /** @description Business date, YYYY-MM-DD */
                    asOf?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            agrees: boolean;
                            differences: {
                                check: string;
                                customerId: string | null;
                                currency: string;
                                ledgerMinor: number;
                                subLedgerMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List products, with search over SKU and name */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    search?: string;
                    active?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                sku: string;
                                name: string;
                                description: string | null;
                                unit: string;
                                /** @enum {string} */
                                kind: "good" | "service";
                                defaultTaxRatePercent: string;
                                active: boolean;
                                prices: {
                                    currency: string;
                                    unitPriceMinor: number;
                                }[];
                                createdAt: string;
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a product with its list prices (admin, ar_manager) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Stock keeping unit, unique in the company; cannot be changed later */
                        sku: string;
                        name: string;
                        description?: string | null;
                        /** @description Unit of measure as printed on documents: pcs, h, kg, month */
                        unit: string;
                        /** @enum {string} */
                        kind: "good" | "service";
                        /** @description Tax rate for order lines unless the line says otherwise */
                        defaultTaxRatePercent: string;
                        /** @description Inactive products cannot be ordered */
                        active?: boolean;
                        /** @description List prices, at most one per currency */
                        prices?: {
                            /** @description ISO 4217 currency code, e.g. EUR */
                            currency: string;
                            /** @description Price of one unit, tax exclusive, in minor units of the currency */
                            unitPriceMinor: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            sku: string;
                            name: string;
                            description: string | null;
                            unit: string;
                            /** @enum {string} */
                            kind: "good" | "service";
                            defaultTaxRatePercent: string;
                            active: boolean;
                            prices: {
                                currency: string;
                                unitPriceMinor: number;
                            }[];
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a product with its list prices */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            sku: string;
                            name: string;
                            description: string | null;
                            unit: string;
                            /** @enum {string} */
                            kind: "good" | "service";
                            defaultTaxRatePercent: string;
                            active: boolean;
                            prices: {
                                currency: string;
                                unitPriceMinor: number;
                            }[];
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a product (not its SKU or kind) (admin, ar_manager) */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description Fields to change; `prices`, when given, replaces every list price */
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string | null;
                        /** @description Unit of measure as printed on documents: pcs, h, kg, month */
                        unit?: string;
                        /** @description Tax rate for order lines unless the line says otherwise */
                        defaultTaxRatePercent?: string;
                        /** @description Inactive products cannot be ordered */
                        active?: boolean;
                        /** @description List prices, at most one per currency */
                        prices?: {
                            /** @description ISO 4217 currency code, e.g. EUR */
                            currency: string;
                            /** @description Price of one unit, tax exclusive, in minor units of the currency */
                            unitPriceMinor: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            sku: string;
                            name: string;
                            description: string | null;
                            unit: string;
                            /** @enum {string} */
                            kind: "good" | "service";
                            defaultTaxRatePercent: string;
                            active: boolean;
                            prices: {
                                currency: string;
                                unitPriceMinor: number;
                            }[];
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/products/{id}/price": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The unit price a customer of a segment pays on a date: the valid price list of the segment, else the list price */
        get: {
            parameters: {
                query: {
                    /** @description ISO 4217 currency code, e.g. EUR */
                    currency: string;
                    /** @description Customer segment; omitted: list prices only */
                    segment?: string;
                    /** @description Defaults to the tenant's today */
                    onDate?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            productId: string;
                            sku: string;
                            currency: string;
                            segment: string | null;
                            onDate: string;
                            /** @description Null: the product has no price in this currency */
                            unitPriceMinor: number | null;
                            source: ("price_list" | "list_price") | null;
                            priceListId: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/price-lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List price lists (without items) */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    segment?: string;
                    /** @description ISO 4217 currency code, e.g. EUR */
                    currency?: string;
                    /** @description Only lists valid on this date */
                    validOn?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                segment: string;
                                currency: string;
                                validFrom: string;
                                validTo: string | null;
                                createdAt: string;
                                items?: {
                                    /** Format: uuid */
                                    productId: string;
                                    sku: string;
                                    unitPriceMinor: number;
                                }[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a price list for a segment and currency (admin, ar_manager) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @description Customer segment the list applies to, e.g. wholesale */
                        segment: string;
                        /** @description ISO 4217 currency code, e.g. EUR */
                        currency: string;
                        /** @description First day the list applies */
                        validFrom: string;
                        /** @description Last day the list applies; null or omitted for open-ended */
                        validTo?: string | null;
                        items: {
                            /** Format: uuid */
                            productId: string;
                            /** @description Price of one unit in this list, tax exclusive, in minor units */
                            unitPriceMinor: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            segment: string;
                            currency: string;
                            validFrom: string;
                            validTo: string | null;
                            createdAt: string;
                            items?: {
                                /** Format: uuid */
                                productId: string;
                                sku: string;
                                unitPriceMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/price-lists/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a price list with its items */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            segment: string;
                            currency: string;
                            validFrom: string;
                            validTo: string | null;
                            createdAt: string;
                            items?: {
                                /** Format: uuid */
                                productId: string;
                                sku: string;
                                unitPriceMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a price list, change its validity, or replace its items (admin, ar_manager) */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @description First day the list applies */
                        validFrom?: string;
                        /** @description Last day the list applies; null for open-ended */
                        validTo?: string | null;
                        /** @description Replaces every item of the list */
                        items?: {
                            /** Format: uuid */
                            productId: string;
                            /** @description Price of one unit in this list, tax exclusive, in minor units */
                            unitPriceMinor: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            segment: string;
                            currency: string;
                            validFrom: string;
                            validTo: string | null;
                            createdAt: string;
                            items?: {
                                /** Format: uuid */
                                productId: string;
                                sku: string;
                                unitPriceMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sales orders */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    customerId?: string;
                    status?: "draft" | "submitted" | "credit_hold" | "confirmed" | "partially_fulfilled" | "fulfilled" | "invoiced" | "closed" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                number: string;
                                /** Format: uuid */
                                customerId: string;
                                /** @enum {string} */
                                status: "draft" | "submitted" | "credit_hold" | "confirmed" | "partially_fulfilled" | "fulfilled" | "invoiced" | "closed" | "cancelled";
                                /** @description The status as the customer sees it in the portal */
                                customerStatus: string;
                                currency: string;
                                orderDate: string;
                                customerReference: string | null;
                                /** @enum {string} */
                                billingPolicy: "on_confirmation" | "on_fulfilment" | "milestones" | "recurring";
                                billingSchedule: unknown;
                                subtotalMinor: number;
                                taxMinor: number;
                                totalMinor: number;
                                invoicedMinor: number;
                                holdReasons: {
                                    code: string;
                                    detail: string;
                                }[] | null;
                                cancelReason: string | null;
                                lines?: {
                                    /** Format: uuid */
                                    id: string;
                                    position: number;
                                    /** Format: uuid */
                                    productId: string;
                                    description: string;
                                    unit: string;
                                    quantity: string;
                                    unitPriceMinor: number;
                                    priceOverridden: boolean;
                                    discountPercent: string;
                                    taxRatePercent: string;
                                    netMinor: number;
                                    taxMinor: number;
                                    shippedQuantity: string;
                                    invoicedQuantity: string;
                                    returnedQuantity: string;
                                }[];
                                billings?: {
                                    billingKey: string;
                                    /** Format: uuid */
                                    invoiceId: string;
                                    quantities: unknown;
                                }[];
                                events?: {
                                    type: string;
                                    fromStatus: string | null;
                                    toStatus: string | null;
                                    reason: string | null;
                                    actor: string;
                                    at: string;
                                    payload: unknown;
                                }[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a draft sales order, priced from the price list of the customer segment */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        customerId: string;
                        /** @description Defaults to the tenant's today */
                        orderDate?: string;
                        /** @description The customer's purchase order number */
                        customerReference?: string | null;
                        /**
                         * @default on_fulfilment
                         * @enum {string}
                         */
                        billingPolicy?: "on_confirmation" | "on_fulfilment" | "milestones" | "recurring";
                        milestones?: {
                            key: string;
                            label: string;
                            /** @description Business date, YYYY-MM-DD */
                            date: string;
                            percent: number;
                        }[];
                        recurrence?: {
                            /** @enum {string} */
                            interval: "monthly" | "quarterly";
                            /** @description Business date, YYYY-MM-DD */
                            startDate: string;
                            /** @default null */
                            endDate?: string | null;
                        };
                        lines: {
                            /** Format: uuid */
                            productId: string;
                            quantity: string;
                            /** @description Overrides the price list (admin, ar_manager) */
                            unitPriceMinor?: number;
                            discountPercent?: string;
                            /** @description Defaults to the product's tax rate */
                            taxRatePercent?: string;
                            description?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "credit_hold" | "confirmed" | "partially_fulfilled" | "fulfilled" | "invoiced" | "closed" | "cancelled";
                            /** @description The status as the customer sees it in the portal */
                            customerStatus: string;
                            currency: string;
                            orderDate: string;
                            customerReference: string | null;
                            /** @enum {string} */
                            billingPolicy: "on_confirmation" | "on_fulfilment" | "milestones" | "recurring";
                            billingSchedule: unknown;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            invoicedMinor: number;
                            holdReasons: {
                                code: string;
                                detail: string;
                            }[] | null;
                            cancelReason: string | null;
                            lines?: {
                                /** Format: uuid */
                                id: string;
                                position: number;
                                /** Format: uuid */
                                productId: string;
                                description: string;
                                unit: string;
                                quantity: string;
                                unitPriceMinor: number;
                                priceOverridden: boolean;
                                discountPercent: string;
                                taxRatePercent: string;
                                netMinor: number;
                                taxMinor: number;
                                shippedQuantity: string;
                                invoicedQuantity: string;
                                returnedQuantity: string;
                            }[];
                            billings?: {
                                billingKey: string;
                                /** Format: uuid */
                                invoiceId: string;
                                quantities: unknown;
                            }[];
                            events?: {
                                type: string;
                                fromStatus: string | null;
                                toStatus: string | null;
                                reason: string | null;
                                actor: string;
                                at: string;
                                payload: unknown;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an order with its lines, billings and history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "credit_hold" | "confirmed" | "partially_fulfilled" | "fulfilled" | "invoiced" | "closed" | "cancelled";
                            /** @description The status as the customer sees it in the portal */
                            customerStatus: string;
                            currency: string;
                            orderDate: string;
                            customerReference: string | null;
                            /** @enum {string} */
                            billingPolicy: "on_confirmation" | "on_fulfilment" | "milestones" | "recurring";
                            billingSchedule: unknown;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            invoicedMinor: number;
                            holdReasons: {
                                code: string;
                                detail: string;
                            }[] | null;
                            cancelReason: string | null;
                            lines?: {
                                /** Format: uuid */
                                id: string;
                                position: number;
                                /** Format: uuid */
                                productId: string;
                                description: string;
                                unit: string;
                                quantity: string;
                                unitPriceMinor: number;
                                priceOverridden: boolean;
                                discountPercent: string;
                                taxRatePercent: string;
                                netMinor: number;
                                taxMinor: number;
                                shippedQuantity: string;
                                invoicedQuantity: string;
                                returnedQuantity: string;
                            }[];
                            billings?: {
                                billingKey: string;
                                /** Format: uuid */
                                invoiceId: string;
                                quantities: unknown;
                            }[];
                            events?: {
                                type: string;
                                fromStatus: string | null;
                                toStatus: string | null;
                                reason: string | null;
                                actor: string;
                                at: string;
                                payload: unknown;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit a draft: the credit check passes (submitted) or puts it on credit hold
         * @description Exposure = open receivables (net of unapplied cash and credits) + orders submitted or confirmed but not yet invoiced. Held when exposure with this order exceeds the credit limit, or when an item is overdue beyond the tenant threshold.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Business date, YYYY-MM-DD */
                        asOf?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "credit_hold" | "confirmed" | "partially_fulfilled" | "fulfilled" | "invoiced" | "closed" | "cancelled";
                            /** @description The status as the customer sees it in the portal */
                            customerStatus: string;
                            currency: string;
                            orderDate: string;
                            customerReference: string | null;
                            /** @enum {string} */
                            billingPolicy: "on_confirmation" | "on_fulfilment" | "milestones" | "recurring";
                            billingSchedule: unknown;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            invoicedMinor: number;
                            holdReasons: {
                                code: string;
                                detail: string;
                            }[] | null;
                            cancelReason: string | null;
                            lines?: {
                                /** Format: uuid */
                                id: string;
                                position: number;
                                /** Format: uuid */
                                productId: string;
                                description: string;
                                unit: string;
                                quantity: string;
                                unitPriceMinor: number;
                                priceOverridden: boolean;
                                discountPercent: string;
                                taxRatePercent: string;
                                netMinor: number;
                                taxMinor: number;
                                shippedQuantity: string;
                                invoicedQuantity: string;
                                returnedQuantity: string;
                            }[];
                            billings?: {
                                billingKey: string;
                                /** Format: uuid */
                                invoiceId: string;
                                quantities: unknown;
                            }[];
                            events?: {
                                type: string;
                                fromStatus: string | null;
                                toStatus: string | null;
                                reason: string | null;
                                actor: string;
                                at: string;
                                payload: unknown;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a submitted order (credit re-checked); bills it when its policy is on_confirmation */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Business date, YYYY-MM-DD */
                        asOf?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "credit_hold" | "confirmed" | "partially_fulfilled" | "fulfilled" | "invoiced" | "closed" | "cancelled";
                            /** @description The status as the customer sees it in the portal */
                            customerStatus: string;
                            currency: string;
                            orderDate: string;
                            customerReference: string | null;
                            /** @enum {string} */
                            billingPolicy: "on_confirmation" | "on_fulfilment" | "milestones" | "recurring";
                            billingSchedule: unknown;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            invoicedMinor: number;
                            holdReasons: {
                                code: string;
                                detail: string;
                            }[] | null;
                            cancelReason: string | null;
                            lines?: {
                                /** Format: uuid */
                                id: string;
                                position: number;
                                /** Format: uuid */
                                productId: string;
                                description: string;
                                unit: string;
                                quantity: string;
                                unitPriceMinor: number;
                                priceOverridden: boolean;
                                discountPercent: string;
                                taxRatePercent: string;
                                netMinor: number;
                                taxMinor: number;
                                shippedQuantity: string;
                                invoicedQuantity: string;
                                returnedQuantity: string;
                            }[];
                            billings?: {
                                billingKey: string;
                                /** Format: uuid */
                                invoiceId: string;
                                quantities: unknown;
                            }[];
                            events?: {
                                type: string;
                                fromStatus: string | null;
                                toStatus: string | null;
                                reason: string | null;
                                actor: string;
                                at: string;
                                payload: unknown;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release an order from credit hold (admin, ar_manager), with a note */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                        /** @description Business date, YYYY-MM-DD */
                        asOf?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "credit_hold" | "confirmed" | "partially_fulfilled" | "fulfilled" | "invoiced" | "closed" | "cancelled";
                            /** @description The status as the customer sees it in the portal */
                            customerStatus: string;
                            currency: string;
                            orderDate: string;
                            customerReference: string | null;
                            /** @enum {string} */
                            billingPolicy: "on_confirmation" | "on_fulfilment" | "milestones" | "recurring";
                            billingSchedule: unknown;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            invoicedMinor: number;
                            holdReasons: {
                                code: string;
                                detail: string;
                            }[] | null;
                            cancelReason: string | null;
                            lines?: {
                                /** Format: uuid */
                                id: string;
                                position: number;
                                /** Format: uuid */
                                productId: string;
                                description: string;
                                unit: string;
                                quantity: string;
                                unitPriceMinor: number;
                                priceOverridden: boolean;
                                discountPercent: string;
                                taxRatePercent: string;
                                netMinor: number;
                                taxMinor: number;
                                shippedQuantity: string;
                                invoicedQuantity: string;
                                returnedQuantity: string;
                            }[];
                            billings?: {
                                billingKey: string;
                                /** Format: uuid */
                                invoiceId: string;
                                quantities: unknown;
                            }[];
                            events?: {
                                type: string;
                                fromStatus: string | null;
                                toStatus: string | null;
                                reason: string | null;
                                actor: string;
                                at: string;
                                payload: unknown;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject an order on credit hold (admin, ar_manager) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "credit_hold" | "confirmed" | "partially_fulfilled" | "fulfilled" | "invoiced" | "closed" | "cancelled";
                            /** @description The status as the customer sees it in the portal */
                            customerStatus: string;
                            currency: string;
                            orderDate: string;
                            customerReference: string | null;
                            /** @enum {string} */
                            billingPolicy: "on_confirmation" | "on_fulfilment" | "milestones" | "recurring";
                            billingSchedule: unknown;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            invoicedMinor: number;
                            holdReasons: {
                                code: string;
                                detail: string;
                            }[] | null;
                            cancelReason: string | null;
                            lines?: {
                                /** Format: uuid */
                                id: string;
                                position: number;
                                /** Format: uuid */
                                productId: string;
                                description: string;
                                unit: string;
                                quantity: string;
                                unitPriceMinor: number;
                                priceOverridden: boolean;
                                discountPercent: string;
                                taxRatePercent: string;
                                netMinor: number;
                                taxMinor: number;
                                shippedQuantity: string;
                                invoicedQuantity: string;
                                returnedQuantity: string;
                            }[];
                            billings?: {
                                billingKey: string;
                                /** Format: uuid */
                                invoiceId: string;
                                quantities: unknown;
                            }[];
                            events?: {
                                type: string;
                                fromStatus: string | null;
                                toStatus: string | null;
                                reason: string | null;
                                actor: string;
                                at: string;
                                payload: unknown;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an order that has no deliveries or invoices yet */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "credit_hold" | "confirmed" | "partially_fulfilled" | "fulfilled" | "invoiced" | "closed" | "cancelled";
                            /** @description The status as the customer sees it in the portal */
                            customerStatus: string;
                            currency: string;
                            orderDate: string;
                            customerReference: string | null;
                            /** @enum {string} */
                            billingPolicy: "on_confirmation" | "on_fulfilment" | "milestones" | "recurring";
                            billingSchedule: unknown;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            invoicedMinor: number;
                            holdReasons: {
                                code: string;
                                detail: string;
                            }[] | null;
                            cancelReason: string | null;
                            lines?: {
                                /** Format: uuid */
                                id: string;
                                position: number;
                                /** Format: uuid */
                                productId: string;
                                description: string;
                                unit: string;
                                quantity: string;
                                unitPriceMinor: number;
                                priceOverridden: boolean;
                                discountPercent: string;
                                taxRatePercent: string;
                                netMinor: number;
                                taxMinor: number;
                                shippedQuantity: string;
                                invoicedQuantity: string;
                                returnedQuantity: string;
                            }[];
                            billings?: {
                                billingKey: string;
                                /** Format: uuid */
                                invoiceId: string;
                                quantities: unknown;
                            }[];
                            events?: {
                                type: string;
                                fromStatus: string | null;
                                toStatus: string | null;
                                reason: string | null;
                                actor: string;
                                at: string;
                                payload: unknown;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a (partial) delivery; bills it when the policy is on_fulfilment */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Business date, YYYY-MM-DD */
                        date?: string;
                        reference?: string | null;
                        lines: {
                            /** Format: uuid */
                            lineId: string;
                            quantity: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "credit_hold" | "confirmed" | "partially_fulfilled" | "fulfilled" | "invoiced" | "closed" | "cancelled";
                            /** @description The status as the customer sees it in the portal */
                            customerStatus: string;
                            currency: string;
                            orderDate: string;
                            customerReference: string | null;
                            /** @enum {string} */
                            billingPolicy: "on_confirmation" | "on_fulfilment" | "milestones" | "recurring";
                            billingSchedule: unknown;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            invoicedMinor: number;
                            holdReasons: {
                                code: string;
                                detail: string;
                            }[] | null;
                            cancelReason: string | null;
                            lines?: {
                                /** Format: uuid */
                                id: string;
                                position: number;
                                /** Format: uuid */
                                productId: string;
                                description: string;
                                unit: string;
                                quantity: string;
                                unitPriceMinor: number;
                                priceOverridden: boolean;
                                discountPercent: string;
                                taxRatePercent: string;
                                netMinor: number;
                                taxMinor: number;
                                shippedQuantity: string;
                                invoicedQuantity: string;
                                returnedQuantity: string;
                            }[];
                            billings?: {
                                billingKey: string;
                                /** Format: uuid */
                                invoiceId: string;
                                quantities: unknown;
                            }[];
                            events?: {
                                type: string;
                                fromStatus: string | null;
                                toStatus: string | null;
                                reason: string | null;
                                actor: string;
                                at: string;
                                payload: unknown;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record returned goods: credit notes for the returned quantity against the invoices that billed it */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Business date, YYYY-MM-DD */
                        date?: string;
                        reference?: string | null;
                        lines: {
                            /** Format: uuid */
                            lineId: string;
                            quantity: string;
                        }[];
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            number: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "credit_hold" | "confirmed" | "partially_fulfilled" | "fulfilled" | "invoiced" | "closed" | "cancelled";
                            /** @description The status as the customer sees it in the portal */
                            customerStatus: string;
                            currency: string;
                            orderDate: string;
                            customerReference: string | null;
                            /** @enum {string} */
                            billingPolicy: "on_confirmation" | "on_fulfilment" | "milestones" | "recurring";
                            billingSchedule: unknown;
                            subtotalMinor: number;
                            taxMinor: number;
                            totalMinor: number;
                            invoicedMinor: number;
                            holdReasons: {
                                code: string;
                                detail: string;
                            }[] | null;
                            cancelReason: string | null;
                            lines?: {
                                /** Format: uuid */
                                id: string;
                                position: number;
                                /** Format: uuid */
                                productId: string;
                                description: string;
                                unit: string;
                                quantity: string;
                                unitPriceMinor: number;
                                priceOverridden: boolean;
                                discountPercent: string;
                                taxRatePercent: string;
                                netMinor: number;
                                taxMinor: number;
                                shippedQuantity: string;
                                invoicedQuantity: string;
                                returnedQuantity: string;
                            }[];
                            billings?: {
                                billingKey: string;
                                /** Format: uuid */
                                invoiceId: string;
                                quantities: unknown;
                            }[];
                            events?: {
                                type: string;
                                fromStatus: string | null;
                                toStatus: string | null;
                                reason: string | null;
                                actor: string;
                                at: string;
                                payload: unknown;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Credit policy: overdue threshold for holds and default limits for new customers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            overdueHoldDays: number;
                            /** @description New orders of a customer whose risk score (0–100, from its payment history and open items, computed by the daily run) is at or above this are held for credit review; null: the score holds no order. A customer not yet scored is never held for its score. */
                            riskHoldScoreMin: number | null;
                            defaults: {
                                segment: string;
                                currency: string;
                                limitMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Set the credit policy (admin, ar_manager); segment "" is the default for every segment */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        overdueHoldDays: number;
                        /** @description New orders of a customer whose risk score (0–100, from its payment history and open items, computed by the daily run) is at or above this are held for credit review; null: the score holds no order. A customer not yet scored is never held for its score. Left out: the threshold stays as it was. */
                        riskHoldScoreMin?: number | null;
                        /** @default [] */
                        defaults?: {
                            segment: string;
                            /** @description ISO 4217 currency code, e.g. EUR */
                            currency: string;
                            limitMinor: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            overdueHoldDays: number;
                            /** @description New orders of a customer whose risk score (0–100, from its payment history and open items, computed by the daily run) is at or above this are held for credit review; null: the score holds no order. A customer not yet scored is never held for its score. */
                            riskHoldScoreMin: number | null;
                            defaults: {
                                segment: string;
                                currency: string;
                                limitMinor: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/credit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's credit position: limit, exposure (open receivables + orders not yet invoiced), available credit, oldest overdue item */
        get: {
            parameters: {
                query?: {
                    /** @description Business date, YYYY-MM-DD */
                    asOf?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            customerId: string;
                            currency: string;
                            /** @description The class set by credit review */
                            riskClass: string;
                            /** @description The customer's latest risk score (0–100) computed by asOf, from its payment history; null before the daily run has scored it */
                            riskScore: number | null;
                            riskScoreComputedOn: string | null;
                            /**
                             * @description The class credit control works with: from the score when there is one (≥ 70 high, ≤ 30 low, else medium), else the reviewed class
                             * @enum {string}
                             */
                            effectiveRiskClass: "low" | "medium" | "high";
                            blockedForOrders: boolean;
                            creditLimitMinor: number | null;
                            openReceivablesMinor: number;
                            uninvoicedOrdersMinor: number;
                            exposureMinor: number;
                            availableMinor: number | null;
                            oldestOverdueDays: number;
                            /** @description True when even a zero-value order would be held now */
                            wouldHoldNewOrders: boolean;
                            /** @description Why a new order would be held now, in words (empty when it would not be) */
                            holdReasons: {
                                /** @enum {string} */
                                code: "over_credit_limit" | "overdue_beyond_threshold" | "risk_score_above_threshold";
                                detail: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/automation/run-day": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the day's automation for a business date, or each date of a range in order (admin); exactly once per date and task */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Business date, YYYY-MM-DD */
                        asOf: string;
                        /** @description Replay every date from asOf to this one */
                        to?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: {
                                asOf: string;
                                outcomes: {
                                    task: string;
                                    status: string;
                                    outcome?: {
                                        [key: string]: unknown;
                                    };
                                }[];
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/automation/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** When the server runs the tenant's business day: local time in the tenant's time zone */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dailyRunTime: string;
                            timeZone: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Set the local time at which the server runs each business day (admin); the day's work then covers everything up to that date */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        dailyRunTime: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dailyRunTime: string;
                            timeZone: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event types a webhook endpoint can subscribe to */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: string[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook endpoints */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                url: string;
                                description: string | null;
                                eventTypes: string[];
                                /** @enum {string} */
                                status: "active" | "disabled";
                                disabledReason: string | null;
                                consecutiveFailures: number;
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Subscribe an endpoint (admin). The signing secret (Standard Webhooks, whsec_...) is in this response only */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uri */
                        url: string;
                        description?: string | null;
                        eventTypes: ("customer.created" | "customer.credit_limit_changed" | "invoice.issued" | "invoice.paid" | "invoice.voided" | "credit_note.issued" | "payment.received" | "payment.applied" | "payment.reversed" | "payment.refunded" | "invoice.reopened" | "dunning.notice" | "order.submitted" | "order.credit_hold" | "order.confirmed" | "order.released" | "order.rejected" | "order.cancelled" | "order.partially_fulfilled" | "order.fulfilled" | "order.invoiced" | "order.returned" | "order.closed" | "*")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            url: string;
                            description: string | null;
                            eventTypes: string[];
                            /** @enum {string} */
                            status: "active" | "disabled";
                            disabledReason: string | null;
                            consecutiveFailures: number;
                            createdAt: string;
                            secret: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook endpoint */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            url: string;
                            description: string | null;
                            eventTypes: string[];
                            /** @enum {string} */
                            status: "active" | "disabled";
                            disabledReason: string | null;
                            consecutiveFailures: number;
                            createdAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change, disable or re-enable an endpoint (admin); re-enabling resumes its pending deliveries */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uri */
                        url?: string;
                        description?: string | null;
                        eventTypes?: ("customer.created" | "customer.credit_limit_changed" | "invoice.issued" | "invoice.paid" | "invoice.voided" | "credit_note.issued" | "payment.received" | "payment.applied" | "payment.reversed" | "payment.refunded" | "invoice.reopened" | "dunning.notice" | "order.submitted" | "order.credit_hold" | "order.confirmed" | "order.released" | "order.rejected" | "order.cancelled" | "order.partially_fulfilled" | "order.fulfilled" | "order.invoiced" | "order.returned" | "order.closed" | "*")[];
                        enabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            url: string;
                            description: string | null;
                            eventTypes: string[];
                            /** @enum {string} */
                            status: "active" | "disabled";
                            disabledReason: string | null;
                            consecutiveFailures: number;
                            createdAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the signing secret (admin): the old secret keeps signing beside the new one for 24 hours */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            url: string;
                            description: string | null;
                            eventTypes: string[];
                            /** @enum {string} */
                            status: "active" | "disabled";
                            disabledReason: string | null;
                            consecutiveFailures: number;
                            createdAt: string;
                            secret: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery log of an endpoint, newest event first, with every attempt */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                eventId: string;
                                eventType: string;
                                status: string;
                                attempts: number;
                                nextAttemptAt: string;
                                lastStatusCode: number | null;
                                lastError: string | null;
                                deliveredAt: string | null;
                                attemptLog: {
                                    attemptedAt: string;
                                    statusCode: number | null;
                                    durationMs: number;
                                    error: string | null;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again with the same webhook-id (admin) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            status: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages for the tenant's people, newest first (e.g. a webhook endpoint disabled); admins see all, others those meant for their role */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                audience: string;
                                kind: string;
                                message: string;
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event outbox in order, for consumers that poll instead of receiving webhooks */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                type: string;
                                entityType: string;
                                /** Format: uuid */
                                entityId: string;
                                occurredAt: string;
                                data: unknown;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/journal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Journal lines of a period for a general ledger (streamed CSV or JSON; layout in docs/exports.md) */
        get: {
            parameters: {
                query: {
                    /** @description Business date, YYYY-MM-DD */
                    from: string;
                    /** @description Business date, YYYY-MM-DD */
                    to: string;
                    format?: "csv" | "json";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/open-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open invoices and unused credit notes as of a date (streamed CSV or JSON) */
        get: {
            parameters: {
                query?: {
                    /** @description Business date, YYYY-MM-DD */
                    asOf?: string;
                    format?: "csv" | "json";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exports/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customer master data (streamed CSV or JSON) */
        get: {
            parameters: {
                query?: {
                    format?: "csv" | "json";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{kind}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dry run of a CSV import (admin, ar_manager): a report per row, duplicates within the file and against stored data, totals by currency. Nothing is imported
         * @description Body: the file as CSV (content-type text/csv, UTF-8, header row) or XLSX (its first worksheet, header in the first row). Columns per kind — customers: external_ref, name, currency, [email, payment_terms_days, credit_limit, segment, tax_id]; contacts: customer_external_ref, name, [email, phone, role]; open_invoices: customer_external_ref, invoice_number, issue_date, due_date, currency, open_amount; paid_invoices: customer_external_ref, invoice_number, issue_date, due_date, paid_date, currency, amount, [disputed]. Amounts are decimals in the currency (1234.50), dates YYYY-MM-DD.
         */
        post: {
            parameters: {
                query?: {
                    fileName?: string;
                };
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    kind: "customers" | "contacts" | "open_invoices" | "paid_invoices";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            batchId: string;
                            /** @enum {string} */
                            kind: "customers" | "contacts" | "open_invoices" | "paid_invoices";
                            fileName: string | null;
                            sha256: string;
                            rowCount: number;
                            /** @description Rows that will be imported (with or without warnings) */
                            acceptedCount: number;
                            warningCount: number;
                            /** @description Rows that will be skipped */
                            errorCount: number;
                            /** @description Sum of accepted amounts per currency, in minor units */
                            totalsByCurrency: {
                                [key: string]: string;
                            };
                            /** @description This exact file was imported before: committing it imports nothing */
                            alreadyCommitted: boolean;
                            issues: {
                                line: number;
                                /** @enum {string} */
                                severity: "error" | "warning";
                                column: string | null;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{id}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import the reviewed file (admin, ar_manager): send the same file again; refused if it changed. One transaction: all accepted rows or none */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            batchId: string;
                            imported: number;
                            skippedWithErrors: number;
                            alreadyCommitted: boolean;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import batch and its review figures */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            kind: string;
                            status: string;
                            fileName: string | null;
                            sha256: string;
                            rowCount: number;
                            acceptedCount: number;
                            warningCount: number;
                            errorCount: number;
                            summary: unknown;
                            createdAt: string;
                            committedAt: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{id}/issues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every issue of a review, by line */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                line: number;
                                severity: string;
                                column: string | null;
                                message: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-terms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Named payment terms */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                definition: unknown;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create named payment terms (admin, ar_manager): net N, end of month + N, day of next month; early-payment discount; instalments */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        definition: {
                            due: {
                                /** @enum {string} */
                                kind: "net";
                                days: number;
                            } | {
                                /** @enum {string} */
                                kind: "end_of_month";
                                days: number;
                            } | {
                                /** @enum {string} */
                                kind: "day_of_next_month";
                                day: number;
                            };
                            discount?: {
                                percent: string;
                                withinDays: number;
                            };
                            instalments?: {
                                percent: number;
                                due: {
                                    /** @enum {string} */
                                    kind: "net";
                                    days: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "end_of_month";
                                    days: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "day_of_next_month";
                                    day: number;
                                };
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            definition: unknown;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/business-calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How due dates on weekends and holidays roll */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            roll: "none" | "following" | "preceding" | "modified_following";
                            weekend: number[];
                            holidays: string[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Set the business calendar (admin) */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        roll: "none" | "following" | "preceding" | "modified_following";
                        /**
                         * @default [
                         *       6,
                         *       7
                         *     ]
                         */
                        weekend?: number[];
                        /** @default [] */
                        holidays?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            roll: "none" | "following" | "preceding" | "modified_following";
                            weekend: number[];
                            holidays: string[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/late-fee-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's late-fee policy (null: none) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            policy: unknown;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Set the tenant's late-fee policy (admin, ar_manager): flat, percent, interest (actual/365 or /360), or a statutory preset
         * @description Charged by the daily run: flat and percent fees and statutory compensation once per invoice, interest per complete calendar month on each day's overdue amount; never twice for the same period; posted to late-fee income on a fee invoice.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "flat";
                        flatMinor: number;
                        /** @default 0 */
                        graceDays?: number;
                        /** @default 0 */
                        minimumMinor?: number;
                        /** @default null */
                        capMinor?: number | null;
                        /** @default false */
                        waived?: boolean;
                    } | {
                        /** @enum {string} */
                        kind: "percent";
                        percent: string;
                        /** @default 0 */
                        graceDays?: number;
                        /** @default 0 */
                        minimumMinor?: number;
                        /** @default null */
                        capMinor?: number | null;
                        /** @default false */
                        waived?: boolean;
                    } | {
                        /** @enum {string} */
                        kind: "interest";
                        /** @description Annual rate, or the margin over referenceRates when given */
                        percent: string;
                        /**
                         * @default actual_365
                         * @enum {string}
                         */
                        dayCount?: "actual_365" | "actual_360";
                        /** @description Reference rate per half-year, e.g. {"2026-H1": "2.15"} */
                        referenceRates?: {
                            [key: string]: string;
                        };
                        /** @default 0 */
                        graceDays?: number;
                        /** @default 0 */
                        minimumMinor?: number;
                        /** @default null */
                        capMinor?: number | null;
                        /** @default false */
                        waived?: boolean;
                    } | {
                        /** @enum {string} */
                        kind: "eu_directive";
                        /** @description Reference rate per half-year, e.g. {"2026-H1": "2.15"} */
                        referenceRates: {
                            [key: string]: string;
                        };
                        /** @default false */
                        waived?: boolean;
                    } | {
                        /** @enum {string} */
                        kind: "uk_act";
                        /** @description Reference rate per half-year, e.g. {"2026-H1": "2.15"} */
                        referenceRates: {
                            [key: string]: string;
                        };
                        /** @default false */
                        waived?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            policy: unknown;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/late-fee-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** A customer's own late-fee policy (admin, ar_manager), e.g. waived */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "flat";
                        flatMinor: number;
                        /** @default 0 */
                        graceDays?: number;
                        /** @default 0 */
                        minimumMinor?: number;
                        /** @default null */
                        capMinor?: number | null;
                        /** @default false */
                        waived?: boolean;
                    } | {
                        /** @enum {string} */
                        kind: "percent";
                        percent: string;
                        /** @default 0 */
                        graceDays?: number;
                        /** @default 0 */
                        minimumMinor?: number;
                        /** @default null */
                        capMinor?: number | null;
                        /** @default false */
                        waived?: boolean;
                    } | {
                        /** @enum {string} */
                        kind: "interest";
                        /** @description Annual rate, or the margin over referenceRates when given */
                        percent: string;
                        /**
                         * @default actual_365
                         * @enum {string}
                         */
                        dayCount?: "actual_365" | "actual_360";
                        /** @description Reference rate per half-year, e.g. {"2026-H1": "2.15"} */
                        referenceRates?: {
                            [key: string]: string;
                        };
                        /** @default 0 */
                        graceDays?: number;
                        /** @default 0 */
                        minimumMinor?: number;
                        /** @default null */
                        capMinor?: number | null;
                        /** @default false */
                        waived?: boolean;
                    } | {
                        /** @enum {string} */
                        kind: "eu_directive";
                        /** @description Reference rate per half-year, e.g. {"2026-H1": "2.15"} */
                        referenceRates: {
                            [key: string]: string;
                        };
                        /** @default false */
                        waived?: boolean;
                    } | {
                        /** @enum {string} */
                        kind: "uk_act";
                        /** @description Reference rate per half-year, e.g. {"2026-H1": "2.15"} */
                        referenceRates: {
                            [key: string]: string;
                        };
                        /** @default false */
                        waived?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            policy: unknown;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/emails": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery log of the emails of an invoice */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                messageId: string;
                                to: string;
                                subject: string;
                                status: string;
                                attempts: number;
                                lastError: string | null;
                                sentAt: string | null;
                                attachments: unknown;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/email-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Preview the invoice email in the customer's language (or another) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        language?: "en" | "de";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            to: string | null;
                            subject: string;
                            body: string;
                            language: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/email-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The message templates in use, per kind and language: the tenant's own or the built-in wording (custom: false) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @enum {string} */
                                kind: "invoice" | "payment_receipt" | "dunning_reminder" | "dunning_final_notice";
                                /** @enum {string} */
                                language: "en" | "de";
                                subject: string;
                                body: string;
                                custom: boolean;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/email-templates/{kind}/{language}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a message template (admin, ar_manager); placeholders: {{number}} {{customerName}} {{companyName}} {{issueDate}} {{dueDate}} {{total}} {{paymentReference}} */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    kind: "invoice" | "payment_receipt" | "dunning_reminder" | "dunning_final_notice";
                    language: "en" | "de";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        subject: string;
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            subject: string;
                            body: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/smtp-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The company's own outgoing mail server (admin); the password is never shown, only hasPassword. Without one: configured false and whether the server's default (environment) applies */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            configured: false;
                            /** @enum {string} */
                            source: "environment" | "none";
                        } | {
                            /** @enum {boolean} */
                            configured: true;
                            host: string;
                            port: number;
                            secure: boolean;
                            username: string | null;
                            hasPassword: boolean;
                            fromAddress: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Send the company's emails through its own mail server and sender address (admin). password: omitted keeps the stored one, null removes it; stored encrypted, refused while CASHLOOP_SECRET_KEY is not set */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        host: string;
                        port: number;
                        secure: boolean;
                        /** @default null */
                        username?: string | null;
                        password?: string | null;
                        /** Format: email */
                        fromAddress: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            configured: false;
                            /** @enum {string} */
                            source: "environment" | "none";
                        } | {
                            /** @enum {boolean} */
                            configured: true;
                            host: string;
                            port: number;
                            secure: boolean;
                            username: string | null;
                            hasPassword: boolean;
                            fromAddress: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Back to the server's default mail server (admin) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            configured: false;
                            /** @enum {string} */
                            source: "environment" | "none";
                        } | {
                            /** @enum {boolean} */
                            configured: true;
                            host: string;
                            port: number;
                            secure: boolean;
                            username: string | null;
                            hasPassword: boolean;
                            fromAddress: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bank-statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List imported bank statements, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                format: string;
                                accountIdentifier: string;
                                statementKey: string;
                                lineCount: number;
                                fileName: string | null;
                                importedAt: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Import a bank statement file (camt.053/054 as XML, MT940, BAI2, or CSV with the bank account's saved mapping) and apply what it pays
         * @description Send the file as the body: application/octet-stream or text/csv (up to 50 MB), application/xml or text/plain. camt, MT940 and BAI2 are recognised from the content unless `format` says. A CSV statement needs `format=csv` and `bankAccountId`: the account's saved column mapping reads the file, and the lines are filed under the account's IBAN or account number and currency. With `bankAccountId` and another format, the file must be a statement of that account. The same statement imported again adds nothing (a CSV file is recognised by its content hash), and lines already known from an overlapping statement of the same account are skipped. A file that does not parse is refused whole (400, every problem in `errors`, located by line or element path) and nothing is stored. Unless `apply=false`, cash application then runs over the new lines: certain, unsuspicious matches are applied, the rest wait in the exception queue.
         */
        post: {
            parameters: {
                query?: {
                    format?: "camt" | "mt940" | "bai2" | "csv";
                    /** @description The bank account the file is for; required for CSV */
                    bankAccountId?: string;
                    fileName?: string;
                    apply?: "true" | "false";
                };
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            fileSha256: string;
                            format: string;
                            statements: {
                                id: string | null;
                                statementKey: string;
                                account: string;
                                lines: number;
                                newLines: number;
                                alreadyImported: boolean;
                            }[];
                            linesAdded: number;
                            linesAlreadyKnown: number;
                            cashApplication: {
                                linesConsidered: number;
                                applied: number;
                                exceptions: number;
                                suspect: number;
                                failedToApply: number;
                            } | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cash-application/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run cash application over every statement line still waiting */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            linesConsidered: number;
                            applied: number;
                            exceptions: number;
                            suspect: number;
                            failedToApply: number;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statement-lines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Statement lines; status=exception is the exception queue */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    status?: "new" | "applied" | "exception" | "ignored" | "rejected";
                    statementId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                statementId: string;
                                position: number;
                                /** @description Where the line is in the file: a line number or an XML element path */
                                location: string;
                                bookingDate: string | null;
                                valueDate: string;
                                /** @description Signed: money in is positive */
                                amountMinor: number;
                                currency: string;
                                bankReference: string | null;
                                customerReference: string | null;
                                structuredReference: string | null;
                                remittanceText: string;
                                payerName: string | null;
                                payerIban: string | null;
                                /** @enum {string} */
                                status: "new" | "applied" | "exception" | "ignored" | "rejected";
                                customerId: string | null;
                                paymentId: string | null;
                                rule: string | null;
                                /** @description 0..1: how sure the engine is of its proposal */
                                confidence: number | null;
                                explanation: string | null;
                                proposal: unknown | null;
                                alternatives: unknown | null;
                                /** @description Why the line waits for a person (suspicions first) */
                                reasons: string[] | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statement-lines/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One statement line with its proposal, alternatives and reasons */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            statementId: string;
                            position: number;
                            /** @description Where the line is in the file: a line number or an XML element path */
                            location: string;
                            bookingDate: string | null;
                            valueDate: string;
                            /** @description Signed: money in is positive */
                            amountMinor: number;
                            currency: string;
                            bankReference: string | null;
                            customerReference: string | null;
                            structuredReference: string | null;
                            remittanceText: string;
                            payerName: string | null;
                            payerIban: string | null;
                            /** @enum {string} */
                            status: "new" | "applied" | "exception" | "ignored" | "rejected";
                            customerId: string | null;
                            paymentId: string | null;
                            rule: string | null;
                            /** @description 0..1: how sure the engine is of its proposal */
                            confidence: number | null;
                            explanation: string | null;
                            proposal: unknown | null;
                            alternatives: unknown | null;
                            /** @description Why the line waits for a person (suspicions first) */
                            reasons: string[] | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statement-lines/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept the engine's proposal for a queued line: the payment is recorded and allocated, and the engine learns the payer */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            statementId: string;
                            position: number;
                            /** @description Where the line is in the file: a line number or an XML element path */
                            location: string;
                            bookingDate: string | null;
                            valueDate: string;
                            /** @description Signed: money in is positive */
                            amountMinor: number;
                            currency: string;
                            bankReference: string | null;
                            customerReference: string | null;
                            structuredReference: string | null;
                            remittanceText: string;
                            payerName: string | null;
                            payerIban: string | null;
                            /** @enum {string} */
                            status: "new" | "applied" | "exception" | "ignored" | "rejected";
                            customerId: string | null;
                            paymentId: string | null;
                            rule: string | null;
                            /** @description 0..1: how sure the engine is of its proposal */
                            confidence: number | null;
                            explanation: string | null;
                            proposal: unknown | null;
                            alternatives: unknown | null;
                            /** @description Why the line waits for a person (suspicions first) */
                            reasons: string[] | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statement-lines/{id}/match": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Match a queued line by hand: the customer and the invoices it pays; the rest stays as customer credit. The engine learns the payer. */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        customerId: string;
                        allocations: {
                            /** Format: uuid */
                            invoiceId: string;
                            amountMinor: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            statementId: string;
                            position: number;
                            /** @description Where the line is in the file: a line number or an XML element path */
                            location: string;
                            bookingDate: string | null;
                            valueDate: string;
                            /** @description Signed: money in is positive */
                            amountMinor: number;
                            currency: string;
                            bankReference: string | null;
                            customerReference: string | null;
                            structuredReference: string | null;
                            remittanceText: string;
                            payerName: string | null;
                            payerIban: string | null;
                            /** @enum {string} */
                            status: "new" | "applied" | "exception" | "ignored" | "rejected";
                            customerId: string | null;
                            paymentId: string | null;
                            rule: string | null;
                            /** @description 0..1: how sure the engine is of its proposal */
                            confidence: number | null;
                            explanation: string | null;
                            proposal: unknown | null;
                            alternatives: unknown | null;
                            /** @description Why the line waits for a person (suspicions first) */
                            reasons: string[] | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statement-lines/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject the proposal (the line stays queued for a manual match), or set the line aside as not a customer payment */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** @default false */
                        notACustomerPayment?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            statementId: string;
                            position: number;
                            /** @description Where the line is in the file: a line number or an XML element path */
                            location: string;
                            bookingDate: string | null;
                            valueDate: string;
                            /** @description Signed: money in is positive */
                            amountMinor: number;
                            currency: string;
                            bankReference: string | null;
                            customerReference: string | null;
                            structuredReference: string | null;
                            remittanceText: string;
                            payerName: string | null;
                            payerIban: string | null;
                            /** @enum {string} */
                            status: "new" | "applied" | "exception" | "ignored" | "rejected";
                            customerId: string | null;
                            paymentId: string | null;
                            rule: string | null;
                            /** @description 0..1: how sure the engine is of its proposal */
                            confidence: number | null;
                            explanation: string | null;
                            proposal: unknown | null;
                            alternatives: unknown | null;
                            /** @description Why the line waits for a person (suspicions first) */
                            reasons: string[] | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bank-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The company's bank accounts */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @description The IBAN or account number, compact (no spaces): statements of the account are filed under it */
                                accountIdentifier: string;
                                currency: string;
                                /** @description How this bank's CSV export is read; null when the bank sends camt, MT940 or BAI2 */
                                csvMapping: components["schemas"]["CsvStatementMapping"] | null;
                                createdAt: string;
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register one of the company's bank accounts, by IBAN or (where the bank has none) account number (admin, ar_manager)
         * @description Give `iban` or `accountNumber`, not both. An IBAN's check digits are verified. `csvMapping` may be given now or saved later with PUT /v1/bank-accounts/{id}/csv-mapping.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description How the finance team calls the account, e.g. "Commerzbank EUR operating" */
                        name: string;
                        /** @description With or without spaces */
                        iban?: string;
                        /** @description Only for an account without an IBAN */
                        accountNumber?: string;
                        /** @description ISO 4217 currency code, e.g. EUR */
                        currency: string;
                        csvMapping?: components["schemas"]["CsvStatementMappingInput"];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The IBAN or account number, compact (no spaces): statements of the account are filed under it */
                            accountIdentifier: string;
                            currency: string;
                            /** @description How this bank's CSV export is read; null when the bank sends camt, MT940 or BAI2 */
                            csvMapping: components["schemas"]["CsvStatementMapping"] | null;
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bank-accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One bank account with its saved CSV mapping */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The IBAN or account number, compact (no spaces): statements of the account are filed under it */
                            accountIdentifier: string;
                            currency: string;
                            /** @description How this bank's CSV export is read; null when the bank sends camt, MT940 or BAI2 */
                            csvMapping: components["schemas"]["CsvStatementMapping"] | null;
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bank-accounts/{id}/csv-mapping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Save how this bank's CSV export is read (admin, ar_manager); used for every later CSV statement of the account
         * @description Start from POST /v1/bank-accounts/{id}/csv-mapping/suggestion and check its preview. A mapping that is incomplete or inconsistent is refused (400) with each field at fault in `errors`.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mapping: components["schemas"]["CsvStatementMappingInput"];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The IBAN or account number, compact (no spaces): statements of the account are filed under it */
                            accountIdentifier: string;
                            currency: string;
                            /** @description How this bank's CSV export is read; null when the bank sends camt, MT940 or BAI2 */
                            csvMapping: components["schemas"]["CsvStatementMapping"] | null;
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bank-accounts/{id}/csv-mapping/suggestion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Propose a CSV mapping from a sample of this bank's export, and preview what the sample gives with it (admin, ar_manager). Nothing is stored
         * @description Send a sample file as the body: application/octet-stream (raw bytes, so the code page can be recognised) or text/csv, up to 5 MB. The answer holds the proposed mapping, how sure the proposal is, notes on what was decided and what to check, and the sample read with it in the account's currency: the first 20 lines and the line count when it parses, every located fault when it does not. Save the mapping, corrected where needed, with PUT /v1/bank-accounts/{id}/csv-mapping.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mapping: components["schemas"]["CsvStatementMapping"];
                            /**
                             * @description high only when every choice was unambiguous and the sample parses
                             * @enum {string}
                             */
                            confidence: "high" | "low";
                            notes: string[];
                            preview: {
                                parses: boolean;
                                /** @description Lines the sample holds; null when it does not parse */
                                entryCount: number | null;
                                /** @description The first 20 lines */
                                lines: {
                                    /** @description "line N", as a text editor counts the lines of the file */
                                    location: string;
                                    bookingDate: string | null;
                                    valueDate: string | null;
                                    /** @description Signed: money in is positive */
                                    amountMinor: number;
                                    currency: string;
                                    counterpartyName: string | null;
                                    /** @description The payer's (or payee's) IBAN or account number */
                                    counterpartyAccount: string | null;
                                    remittanceText: string;
                                    bankReference: string | null;
                                    customerReference: string | null;
                                    structuredReference: string | null;
                                    transactionCode: string | null;
                                }[];
                                /** @description Why the sample does not parse with the proposal */
                                faults: {
                                    location: string;
                                    message: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cash-application/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Matching rules, their order, the auto-apply threshold and tolerances */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Rules in the order they are tried; a rule left out is off */
                            rules: ("structured_reference" | "invoice_number" | "fuzzy_invoice_number" | "payer_amount" | "payer_combination" | "payer_total")[];
                            autoApplyThreshold: number;
                            shortPaymentToleranceMinor: number;
                            shortPaymentToleranceBasisPoints: number;
                            maxCombinationSize: number;
                            maxCombinationsPerLine: number;
                            maxOpenItemsPerCombination: number;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Change the matching rules and thresholds (admin, ar_manager) */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Rules in the order they are tried; a rule left out is off */
                        rules?: ("structured_reference" | "invoice_number" | "fuzzy_invoice_number" | "payer_amount" | "payer_combination" | "payer_total")[];
                        autoApplyThreshold?: number;
                        shortPaymentToleranceMinor?: number;
                        shortPaymentToleranceBasisPoints?: number;
                        maxCombinationSize?: number;
                        maxCombinationsPerLine?: number;
                        maxOpenItemsPerCombination?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Rules in the order they are tried; a rule left out is off */
                            rules: ("structured_reference" | "invoice_number" | "fuzzy_invoice_number" | "payer_amount" | "payer_combination" | "payer_total")[];
                            autoApplyThreshold: number;
                            shortPaymentToleranceMinor: number;
                            shortPaymentToleranceBasisPoints: number;
                            maxCombinationSize: number;
                            maxCombinationsPerLine: number;
                            maxOpenItemsPerCombination: number;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's cards on file */
        get: {
            parameters: {
                query?: {
                    includeRemoved?: "true" | "false";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                customerId: string;
                                gateway: string;
                                brand: string | null;
                                last4: string | null;
                                expiryMonth: number | null;
                                expiryYear: number | null;
                                /** @description Past its expiry month on the tenant's today (as far as we know; the gateway may have renewed it) */
                                expired: boolean;
                                autopay: boolean;
                                /** @enum {string} */
                                status: "active" | "removed";
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Put a card on file for a customer by the gateway's token (admin, ar_manager); optionally make it the autopay card */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The gateway's token for the card (a Stripe PaymentMethod id, a sandbox token such as tok_sandbox_visa); never a card number */
                        token?: string;
                        /** @description Sandbox only: one of its test card numbers (e.g. 4242 4242 4242 4242), exchanged for its token; the number is never stored or returned */
                        sandboxCardNumber?: string;
                        /** @description The customer record at the gateway the card is attached to (Stripe's cus_...) */
                        gatewayCustomerId?: string | null;
                        /** @description visa, mastercard, amex, ... */
                        brand?: string | null;
                        last4?: string | null;
                        expiryMonth?: number | null;
                        expiryYear?: number | null;
                        /** @description Charge the customer's due invoices to this card in the daily run (turns autopay off on the customer's other cards) */
                        autopay?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            gateway: string;
                            brand: string | null;
                            last4: string | null;
                            expiryMonth: number | null;
                            expiryYear: number | null;
                            /** @description Past its expiry month on the tenant's today (as far as we know; the gateway may have renewed it) */
                            expired: boolean;
                            autopay: boolean;
                            /** @enum {string} */
                            status: "active" | "removed";
                            createdAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/cards/{cardId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take a card off file (admin, ar_manager); autopay stops charging it, its past attempts stay */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                    cardId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            gateway: string;
                            brand: string | null;
                            last4: string | null;
                            expiryMonth: number | null;
                            expiryYear: number | null;
                            /** @description Past its expiry month on the tenant's today (as far as we know; the gateway may have renewed it) */
                            expired: boolean;
                            autopay: boolean;
                            /** @enum {string} */
                            status: "active" | "removed";
                            createdAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Turn autopay on or off for a card (admin, ar_manager); on for one card turns it off for the customer's others */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                    cardId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        autopay: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            gateway: string;
                            brand: string | null;
                            last4: string | null;
                            expiryMonth: number | null;
                            expiryYear: number | null;
                            /** @description Past its expiry month on the tenant's today (as far as we know; the gateway may have renewed it) */
                            expired: boolean;
                            autopay: boolean;
                            /** @enum {string} */
                            status: "active" | "removed";
                            createdAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/autopay-attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every autopay charge attempt, newest first: what was charged, when, and what the gateway answered */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    customerId?: string;
                    invoiceId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                customerId: string;
                                /** Format: uuid */
                                invoiceId: string;
                                /** Format: uuid */
                                cardId: string;
                                attemptNumber: number;
                                attemptedOn: string;
                                amountMinor: number;
                                currency: string;
                                /**
                                 * @description started: the gateway has not answered yet (repeated with the same idempotency key on the next run)
                                 * @enum {string}
                                 */
                                status: "started" | "succeeded" | "pending" | "declined";
                                gateway: string;
                                chargeId: string | null;
                                declineCode: string | null;
                                retryable: boolean | null;
                                message: string | null;
                                paymentId: string | null;
                                createdAt: string;
                                finishedAt: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dunning-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's dunning policies (a standard one exists from the start) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                definition: {
                                    levels: {
                                        level: number;
                                        name: string;
                                        /** @description Days after the due date (negative: a courtesy reminder before it) */
                                        offsetDays: number;
                                        /** @enum {string} */
                                        channel: "email" | "letter" | "webhook";
                                        /** @description The items reaching this level must together be at least this much */
                                        minimumAmountMinor: number;
                                        escalations: ("late_fee" | "credit_hold" | "notify_collector" | "agency_handover")[];
                                        /** @description With the late_fee escalation: a dunning charge invoiced to the customer with this message */
                                        feeMinor?: number;
                                    }[];
                                    minDaysBetweenMessages: number;
                                    skipWeekends: boolean;
                                    skipHolidays: boolean;
                                };
                                isDefault: boolean;
                                segment: string | null;
                                pilot: boolean;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a dunning policy (admin, ar_manager)
         * @description Levels in order, each with an offset from the due date (negative: a courtesy reminder), a channel (email, letter, webhook), a minimum amount and escalation actions (late_fee, credit_hold, notify_collector, agency_handover). Items climb one level at a time; one consolidated message per customer per run; at most one message per customer within minDaysBetweenMessages.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        definition: {
                            levels: {
                                level: number;
                                name: string;
                                /** @description Days after the due date (negative: a courtesy reminder before it) */
                                offsetDays: number;
                                /** @enum {string} */
                                channel: "email" | "letter" | "webhook";
                                /** @description The items reaching this level must together be at least this much */
                                minimumAmountMinor: number;
                                escalations: ("late_fee" | "credit_hold" | "notify_collector" | "agency_handover")[];
                                /** @description With the late_fee escalation: a dunning charge invoiced to the customer with this message */
                                feeMinor?: number;
                            }[];
                            minDaysBetweenMessages: number;
                            skipWeekends: boolean;
                            skipHolidays: boolean;
                        };
                        /** @default false */
                        isDefault?: boolean;
                        /**
                         * @description Customers of this segment follow this policy unless they have their own
                         * @default null
                         */
                        segment?: string | null;
                        /**
                         * @description Dry run: decide and record "would have sent", send nothing
                         * @default false
                         */
                        pilot?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            definition: {
                                levels: {
                                    level: number;
                                    name: string;
                                    /** @description Days after the due date (negative: a courtesy reminder before it) */
                                    offsetDays: number;
                                    /** @enum {string} */
                                    channel: "email" | "letter" | "webhook";
                                    /** @description The items reaching this level must together be at least this much */
                                    minimumAmountMinor: number;
                                    escalations: ("late_fee" | "credit_hold" | "notify_collector" | "agency_handover")[];
                                    /** @description With the late_fee escalation: a dunning charge invoiced to the customer with this message */
                                    feeMinor?: number;
                                }[];
                                minDaysBetweenMessages: number;
                                skipWeekends: boolean;
                                skipHolidays: boolean;
                            };
                            isDefault: boolean;
                            segment: string | null;
                            pilot: boolean;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dunning-policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a dunning policy (admin, ar_manager) */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        definition: {
                            levels: {
                                level: number;
                                name: string;
                                /** @description Days after the due date (negative: a courtesy reminder before it) */
                                offsetDays: number;
                                /** @enum {string} */
                                channel: "email" | "letter" | "webhook";
                                /** @description The items reaching this level must together be at least this much */
                                minimumAmountMinor: number;
                                escalations: ("late_fee" | "credit_hold" | "notify_collector" | "agency_handover")[];
                                /** @description With the late_fee escalation: a dunning charge invoiced to the customer with this message */
                                feeMinor?: number;
                            }[];
                            minDaysBetweenMessages: number;
                            skipWeekends: boolean;
                            skipHolidays: boolean;
                        };
                        /** @default false */
                        isDefault?: boolean;
                        /**
                         * @description Customers of this segment follow this policy unless they have their own
                         * @default null
                         */
                        segment?: string | null;
                        /**
                         * @description Dry run: decide and record "would have sent", send nothing
                         * @default false
                         */
                        pilot?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            definition: {
                                levels: {
                                    level: number;
                                    name: string;
                                    /** @description Days after the due date (negative: a courtesy reminder before it) */
                                    offsetDays: number;
                                    /** @enum {string} */
                                    channel: "email" | "letter" | "webhook";
                                    /** @description The items reaching this level must together be at least this much */
                                    minimumAmountMinor: number;
                                    escalations: ("late_fee" | "credit_hold" | "notify_collector" | "agency_handover")[];
                                    /** @description With the late_fee escalation: a dunning charge invoiced to the customer with this message */
                                    feeMinor?: number;
                                }[];
                                minDaysBetweenMessages: number;
                                skipWeekends: boolean;
                                skipHolidays: boolean;
                            };
                            isDefault: boolean;
                            segment: string | null;
                            pilot: boolean;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dunning/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who would get which dunning message on a date (a dry run; nothing is written)
         * @description A dry run of the daily dunning on asOf (default: tomorrow in the tenant's time zone): the same selection and decisions as the run, per customer with open items — the level, channel, items, amount and rendered subject, or why nothing goes (do-not-dun, weekend, holiday, the interval between messages, below the level's minimum, not due yet, paused by a dispute, promise or payment plan) and pilot customers and policies that are recorded but not sent. The day's promise and payment-plan checks are foreseen; that day's autopay charges, scheduled billing and late-fee invoices are not. Nothing is written. With policyId: only the customers that policy applies to.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Default: tomorrow in the tenant's time zone */
                    asOf?: string;
                    policyId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            /** @description More than 5000 customers have open items: only the first were decided */
                            truncated: boolean;
                            summary: {
                                send: number;
                                pilot: number;
                                skip: number;
                            };
                            data: {
                                /** Format: uuid */
                                customerId: string;
                                customerName: string;
                                /** Format: uuid */
                                policyId: string;
                                policyName: string;
                                /**
                                 * @description send: a message goes out; pilot: recorded as "would have sent", not sent; skip: nothing (see reason)
                                 * @enum {string}
                                 */
                                outcome: "send" | "pilot" | "skip";
                                reason: {
                                    /** @enum {string} */
                                    code: "do_not_dun" | "weekend" | "holiday" | "too_soon" | "no_levels" | "nothing_open" | "below_minimum" | "not_due_yet" | "paused_dispute" | "paused_promise" | "paused_payment_plan" | "pilot";
                                    detail: string;
                                } | null;
                                level: number | null;
                                levelName: string | null;
                                /** @description An email to a customer without an address (or with invoice delivery off) goes as a letter */
                                channel: ("email" | "letter" | "webhook") | null;
                                /** @description The message's subject from the tenant's template, in the customer's language */
                                subject: string | null;
                                escalations: string[];
                                totals: {
                                    currency: string;
                                    amountMinor: number;
                                }[];
                                lines: {
                                    /** Format: uuid */
                                    invoiceId: string;
                                    number: string;
                                    currency: string;
                                    dueDate: string;
                                    openMinor: number;
                                    daysPastDue: number;
                                    level: number;
                                    escalated: boolean;
                                }[];
                                paused: {
                                    /** Format: uuid */
                                    invoiceId: string;
                                    number: string;
                                    currency: string;
                                    openMinor: number;
                                    /** @enum {string} */
                                    pausedBy: "dispute" | "promise" | "payment_plan";
                                }[];
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dunning-policies/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview an unsaved dunning policy: who it would send what on a date (admin, ar_manager; nothing is written)
         * @description A dry run of the daily dunning on asOf (default: tomorrow in the tenant's time zone): the same selection and decisions as the run, per customer with open items — the level, channel, items, amount and rendered subject, or why nothing goes (do-not-dun, weekend, holiday, the interval between messages, below the level's minimum, not due yet, paused by a dispute, promise or payment plan) and pilot customers and policies that are recorded but not sent. The day's promise and payment-plan checks are foreseen; that day's autopay charges, scheduled billing and late-fee invoices are not. Nothing is written. The draft takes the place of the policy with its id (or is added when it has none), with its scope as saving it would give it (default for the tenant, a segment); only the customers it applies to are listed. Faults in the draft answer 400 with a pointer per field, as saving it would.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Default: tomorrow in the tenant's time zone */
                        asOf?: string;
                        policy: {
                            name: string;
                            definition: {
                                levels: {
                                    level: number;
                                    name: string;
                                    /** @description Days after the due date (negative: a courtesy reminder before it) */
                                    offsetDays: number;
                                    /** @enum {string} */
                                    channel: "email" | "letter" | "webhook";
                                    /** @description The items reaching this level must together be at least this much */
                                    minimumAmountMinor: number;
                                    escalations: ("late_fee" | "credit_hold" | "notify_collector" | "agency_handover")[];
                                    /** @description With the late_fee escalation: a dunning charge invoiced to the customer with this message */
                                    feeMinor?: number;
                                }[];
                                minDaysBetweenMessages: number;
                                skipWeekends: boolean;
                                skipHolidays: boolean;
                            };
                            /** @default false */
                            isDefault?: boolean;
                            /**
                             * @description Customers of this segment follow this policy unless they have their own
                             * @default null
                             */
                            segment?: string | null;
                            /**
                             * @description Dry run: decide and record "would have sent", send nothing
                             * @default false
                             */
                            pilot?: boolean;
                            /**
                             * Format: uuid
                             * @description The stored policy this draft edits
                             */
                            id?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            /** @description More than 5000 customers have open items: only the first were decided */
                            truncated: boolean;
                            summary: {
                                send: number;
                                pilot: number;
                                skip: number;
                            };
                            data: {
                                /** Format: uuid */
                                customerId: string;
                                customerName: string;
                                /** Format: uuid */
                                policyId: string;
                                policyName: string;
                                /**
                                 * @description send: a message goes out; pilot: recorded as "would have sent", not sent; skip: nothing (see reason)
                                 * @enum {string}
                                 */
                                outcome: "send" | "pilot" | "skip";
                                reason: {
                                    /** @enum {string} */
                                    code: "do_not_dun" | "weekend" | "holiday" | "too_soon" | "no_levels" | "nothing_open" | "below_minimum" | "not_due_yet" | "paused_dispute" | "paused_promise" | "paused_payment_plan" | "pilot";
                                    detail: string;
                                } | null;
                                level: number | null;
                                levelName: string | null;
                                /** @description An email to a customer without an address (or with invoice delivery off) goes as a letter */
                                channel: ("email" | "letter" | "webhook") | null;
                                /** @description The message's subject from the tenant's template, in the customer's language */
                                subject: string | null;
                                escalations: string[];
                                totals: {
                                    currency: string;
                                    amountMinor: number;
                                }[];
                                lines: {
                                    /** Format: uuid */
                                    invoiceId: string;
                                    number: string;
                                    currency: string;
                                    dueDate: string;
                                    openMinor: number;
                                    daysPastDue: number;
                                    level: number;
                                    escalated: boolean;
                                }[];
                                paused: {
                                    /** Format: uuid */
                                    invoiceId: string;
                                    number: string;
                                    currency: string;
                                    openMinor: number;
                                    /** @enum {string} */
                                    pausedBy: "dispute" | "promise" | "payment_plan";
                                }[];
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/collection-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** A customer's collection settings: own dunning policy, do-not-dun, pilot (dry run), assigned collector */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        policyId?: string | null;
                        doNotDun?: boolean;
                        pilot?: boolean;
                        collector?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            customerId: string;
                            policyId: string | null;
                            doNotDun: boolean;
                            pilot: boolean;
                            collector: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dunning-notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dunning messages decided by the daily run (status queued = in the email outbox, letter, webhook, or pilot = would have been sent) */
        get: {
            parameters: {
                query?: {
                    customerId?: string;
                    /** @description Business date, YYYY-MM-DD */
                    asOf?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                customerId: string;
                                asOf: string;
                                level: number;
                                levelName: string;
                                channel: string;
                                status: string;
                                lines: {
                                    /** Format: uuid */
                                    invoiceId: string;
                                    number: string;
                                    currency: string;
                                    dueDate: string;
                                    openMinor: number;
                                    daysPastDue: number;
                                    level: number;
                                    escalated: boolean;
                                }[];
                                escalations: string[];
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/promises": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's promises to pay and whether they were kept */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                customerId: string;
                                amountMinor: number;
                                currency: string;
                                promisedOn: string;
                                madeOn: string;
                                invoiceIds: string[];
                                /** @enum {string} */
                                status: "open" | "kept" | "broken";
                                paidMinor: number | null;
                                madeBy: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Record a promise to pay (the covered invoices, or all when none are named, leave dunning until the promised date; the daily run checks it) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amountMinor: number;
                        /** @description ISO 4217 currency code, e.g. EUR */
                        currency: string;
                        /** @description Business date, YYYY-MM-DD */
                        promisedOn: string;
                        /** @description Business date, YYYY-MM-DD */
                        madeOn?: string;
                        /** @default [] */
                        invoiceIds?: string[];
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            amountMinor: number;
                            currency: string;
                            promisedOn: string;
                            madeOn: string;
                            invoiceIds: string[];
                            /** @enum {string} */
                            status: "open" | "kept" | "broken";
                            paidMinor: number | null;
                            madeBy: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Disputes */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    status?: "open" | "resolved_credit_note" | "resolved_write_off" | "rejected";
                    customerId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                customerId: string;
                                /** Format: uuid */
                                invoiceId: string;
                                amountMinor: number;
                                currency: string;
                                /** @enum {string} */
                                reason: "pricing" | "quantity" | "quality" | "not_received" | "duplicate_billing" | "other";
                                description: string;
                                /** @enum {string} */
                                status: "open" | "resolved_credit_note" | "resolved_write_off" | "rejected";
                                owner: string | null;
                                openedOn: string;
                                resolveBy: string;
                                resolvedOn: string | null;
                                resolution: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Open a dispute on an invoice (whole or part); its dunning pauses until the dispute is resolved */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        invoiceId: string;
                        amountMinor?: number;
                        /** @enum {string} */
                        reason: "pricing" | "quantity" | "quality" | "not_received" | "duplicate_billing" | "other";
                        description: string;
                        /** @description Business date, YYYY-MM-DD */
                        openedOn?: string;
                        /** @description Business date, YYYY-MM-DD */
                        resolveBy?: string;
                        owner?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            /** Format: uuid */
                            invoiceId: string;
                            amountMinor: number;
                            currency: string;
                            /** @enum {string} */
                            reason: "pricing" | "quantity" | "quality" | "not_received" | "duplicate_billing" | "other";
                            description: string;
                            /** @enum {string} */
                            status: "open" | "resolved_credit_note" | "resolved_write_off" | "rejected";
                            owner: string | null;
                            openedOn: string;
                            resolveBy: string;
                            resolvedOn: string | null;
                            resolution: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes/{id}/resolution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve a dispute: by the credit note or write-off that settles it, or reject it (dunning resumes). A collector cannot resolve by write-off. */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "resolved_credit_note" | "resolved_write_off" | "rejected";
                        resolution: string;
                        /** @description Business date, YYYY-MM-DD */
                        resolvedOn?: string;
                        /** Format: uuid */
                        documentId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            /** Format: uuid */
                            invoiceId: string;
                            amountMinor: number;
                            currency: string;
                            /** @enum {string} */
                            reason: "pricing" | "quantity" | "quality" | "not_received" | "duplicate_billing" | "other";
                            description: string;
                            /** @enum {string} */
                            status: "open" | "resolved_credit_note" | "resolved_write_off" | "rejected";
                            owner: string | null;
                            openedOn: string;
                            resolveBy: string;
                            resolvedOn: string | null;
                            resolution: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/activities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log a call, email or note with the customer */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "call" | "email" | "note";
                        summary: string;
                        /** @description Business date, YYYY-MM-DD */
                        occurredOn?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            kind: string;
                            occurredOn: string;
                            actor: string;
                            summary: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything that happened with a customer, newest first: invoices, payments, dunning messages, calls, promises, disputes */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                on: string;
                                kind: string;
                                summary: string;
                                actor: string | null;
                                reference: {
                                    type: string;
                                    id: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/worklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A collector's worklist: the accounts to work on a date, most urgent first, with the reasons
         * @description A customer belongs to the collector assigned by hand (PUT /v1/customers/{id}/collection-settings), else to the first portfolio rule by priority that matches its segment, country and open balance, else to nobody (collector=unassigned). A collector sees their own accounts only (collector defaults to the name of their API key); admins, AR managers and viewers may name any collector or unassigned, or leave collector out for everybody. Score = Σ overdue × band weight (1–30 days past due 1.0, 31–60 1.5, 61–90 2.0, over 90 3.0) × risk (low 0.8, medium 1.0, high 1.5), rounded half-up, + 2,500.00 for a promise to pay due today + 5,000.00 per promise or payment plan broken in the last 30 days (at most 3) + 2,000.00 per open dispute due for resolution within 3 days or late + 1,000.00 when something is overdue and nobody called, emailed, wrote, took a promise or agreed a payment plan for 14 days. Amounts are minor units of the account currency: Cashloop keeps no exchange rates, so accounts in different currencies are compared minor unit for minor unit, and an account owing in several currencies is ranked on its largest one (a reason names what was left out). Overdue money that is disputed or on an active payment plan is not chased and not counted. Accounts with nothing to do are not listed.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A collector's name, or unassigned */
                    collector?: string;
                    /** @description Default: the tenant's today */
                    asOf?: string;
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            collector: string | null;
                            /** @description Accounts needing work in this selection */
                            total: number;
                            data: {
                                /** Format: uuid */
                                customerId: string;
                                customerName: string;
                                collector: string | null;
                                /** @description manual: customer collection settings; rule: a portfolio rule; null: unassigned */
                                assignedBy: ("manual" | "rule") | null;
                                /** @enum {string} */
                                riskClass: "low" | "medium" | "high";
                                /** @description Priority score (higher first), in minor units of rankingCurrency; see the route description */
                                score: number;
                                rankingCurrency: string | null;
                                /** @description Why the account is on the list, weightiest first */
                                reasons: string[];
                                /** @description Overdue money the collector can chase (not disputed, not on an active payment plan), per currency and days-past-due band */
                                overdue: {
                                    currency: string;
                                    totalMinor: number;
                                    bands: {
                                        /** @enum {string} */
                                        band: "1-30" | "31-60" | "61-90" | "91+";
                                        amountMinor: number;
                                    }[];
                                }[];
                                /** @description The next date a promise to pay falls due (today or later) */
                                nextPromisedOn: string | null;
                                openDisputes: number;
                                /** @description Last call, email, letter, promise or payment plan recorded */
                                lastContactOn: string | null;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/collector-portfolio-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How accounts are shared out between collectors: rules by priority (admin, ar_manager) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                collector: string;
                                segment: string | null;
                                countryCode: string | null;
                                minBalanceMinor: number | null;
                                maxBalanceMinor: number | null;
                                priority: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Replace the portfolio rules (admin, ar_manager)
         * @description A customer without a collector assigned by hand gets the collector of the first rule (lowest priority) whose conditions all hold; a condition left null matches everyone. Balance bounds are inclusive, in minor units of the customer's currency.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rules: {
                            /** @description The collector: the name of their API key */
                            collector: string;
                            /**
                             * @description Only customers of this segment (null: any)
                             * @default null
                             */
                            segment?: string | null;
                            /**
                             * @description Only customers in this country (null: any)
                             * @default null
                             */
                            countryCode?: string | null;
                            /**
                             * @description Only customers whose open balance (in the customer's currency) is at least this
                             * @default null
                             */
                            minBalanceMinor?: number | null;
                            /**
                             * @description … and at most this
                             * @default null
                             */
                            maxBalanceMinor?: number | null;
                            /** @description Lower is tried first; each rule has its own */
                            priority: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                collector: string;
                                segment: string | null;
                                countryCode: string | null;
                                minBalanceMinor: number | null;
                                maxBalanceMinor: number | null;
                                priority: number;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/payment-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's payment plans and their instalments, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                customerId: string;
                                currency: string;
                                /** @description Principal: the open amount of the invoices when the plan was made */
                                totalMinor: number;
                                interestPercent: string | null;
                                /** @enum {string} */
                                status: "active" | "completed" | "broken" | "cancelled";
                                createdOn: string;
                                endedOn: string | null;
                                autopay: boolean;
                                invoiceIds: string[];
                                createdBy: string;
                                note: string | null;
                                instalments: {
                                    number: number;
                                    dueOn: string;
                                    /** @description Principal */
                                    amountMinor: number;
                                    /** @description Interest stated beside the principal */
                                    interestMinor: number;
                                    paidMinor: number;
                                    /** @enum {string} */
                                    status: "open" | "paid" | "missed";
                                }[];
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Put overdue invoices on a payment plan (admin, ar_manager, collector); they leave dunning while the plan is kept
         * @description The principal (the open amount of the invoices) is split into equal instalments with the remainder on the last; weekly or monthly from firstDueOn. Optional simple interest (yearly %, actual/365, on the principal still owed) is stated beside each instalment, rounded half-up. The daily run checks each instalment after its due date against the customer's payments since the plan began: one not covered breaks the plan and dunning resumes.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description The overdue invoices to include; none = all of the customer's overdue invoices in the currency
                         * @default []
                         */
                        invoiceIds?: string[];
                        /** @description Default: the customer's currency */
                        currency?: string;
                        instalments: number;
                        /** @enum {string} */
                        frequency: "weekly" | "monthly";
                        /** @description Business date, YYYY-MM-DD */
                        firstDueOn: string;
                        interestPercent?: string;
                        /** @default false */
                        autopay?: boolean;
                        /** @description Default: the tenant's today */
                        createdOn?: string;
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            currency: string;
                            /** @description Principal: the open amount of the invoices when the plan was made */
                            totalMinor: number;
                            interestPercent: string | null;
                            /** @enum {string} */
                            status: "active" | "completed" | "broken" | "cancelled";
                            createdOn: string;
                            endedOn: string | null;
                            autopay: boolean;
                            invoiceIds: string[];
                            createdBy: string;
                            note: string | null;
                            instalments: {
                                number: number;
                                dueOn: string;
                                /** @description Principal */
                                amountMinor: number;
                                /** @description Interest stated beside the principal */
                                interestMinor: number;
                                paidMinor: number;
                                /** @enum {string} */
                                status: "open" | "paid" | "missed";
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-plans/{id}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an active payment plan (admin, ar_manager, collector); its invoices go back to dunning */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** @description Business date, YYYY-MM-DD */
                        cancelledOn?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            currency: string;
                            /** @description Principal: the open amount of the invoices when the plan was made */
                            totalMinor: number;
                            interestPercent: string | null;
                            /** @enum {string} */
                            status: "active" | "completed" | "broken" | "cancelled";
                            createdOn: string;
                            endedOn: string | null;
                            autopay: boolean;
                            invoiceIds: string[];
                            createdBy: string;
                            note: string | null;
                            instalments: {
                                number: number;
                                dueOn: string;
                                /** @description Principal */
                                amountMinor: number;
                                /** @description Interest stated beside the principal */
                                interestMinor: number;
                                paidMinor: number;
                                /** @enum {string} */
                                status: "open" | "paid" | "missed";
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dunning-notices/{id}/letter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A dunning notice as a printable letter (PDF): the items, their payment references and how to pay */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/collections/agency-handovers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Items handed over to the collection agency (the agency_handover escalation) between two dates, as CSV for the agency */
        get: {
            parameters: {
                query: {
                    /** @description Business date, YYYY-MM-DD */
                    from: string;
                    /** @description Business date, YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A dispute's history: opened, status changes and notes, oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                on: string;
                                kind: string;
                                actor: string;
                                summary: string;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * AR KPIs for a period: DSO (standard and countback), best possible DSO, average days delinquent, CEI, turnover, percentage current, days to pay
         * @description Formulas (receivables = invoices open at the end of the day, rebuilt from allocations; credit sales = invoices less credit notes issued in the period):
         *     - DSO = ending receivables ÷ credit sales × days in the period.
         *     - Countback DSO = days of the latest calendar months whose credit sales add up to the ending receivables, the oldest month pro rata.
         *     - Best possible DSO = current (not yet due) receivables ÷ credit sales × days.
         *     - Average days delinquent = DSO − best possible DSO.
         *     - CEI = (beginning receivables + credit sales − ending receivables) ÷ (beginning receivables + credit sales − ending current receivables) × 100.
         *     - AR turnover = credit sales ÷ average of beginning and ending receivables; average collection period = days ÷ turnover.
         *     - Percentage current = current ÷ total receivables × 100.
         *     - Average days to pay = mean of (paid in full − invoice date) over invoices paid in the period; also amount-weighted.
         *     - Dispute rate = invoices with a dispute opened in the period ÷ invoices issued in it × 100 (and by amount); average days to resolve = mean of (resolved − opened) over disputes resolved in the period.
         *     - Promise-kept rate = promises paid in full by their date ÷ promises due in the period × 100.
         *     A figure without a value says why (reason), never Infinity.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Defaults to the tenant's base currency; KPIs never mix currencies */
                    currency?: string;
                    customerId?: string;
                    segment?: string;
                    /** @description Defaults to the first day of the month of `to` */
                    from?: string;
                    /** @description Defaults to the tenant's today */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            period: {
                                start: string;
                                end: string;
                                days: number;
                            };
                            currency: string;
                            receivables: {
                                beginning: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                ending: {
                                    amountMinor: number;
                                    currency: string;
                                };
                                endingCurrent: {
                                    amountMinor: number;
                                    currency: string;
                                };
                            };
                            creditSales: {
                                amountMinor: number;
                                currency: string;
                            };
                            figures: {
                                kpi: string;
                                /** @enum {string} */
                                unit: "days" | "percent" | "times";
                                formula: string;
                                /** @description Rounded half up: days and percent to 1 decimal, times to 2 */
                                value: number | null;
                                /** @description The exact value as a fraction, before rounding */
                                exact: string | null;
                                /** @description Why there is no value (e.g. no_credit_sales), or null */
                                reason: string | null;
                                detail?: string;
                                inputs: {
                                    [key: string]: unknown;
                                };
                                target: {
                                    value: number;
                                    /** @enum {string} */
                                    direction: "at_most" | "at_least";
                                    met: boolean | null;
                                } | null;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/kpis/trend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The same KPIs month by month (the last month up to `to`)
         * @description Formulas (receivables = invoices open at the end of the day, rebuilt from allocations; credit sales = invoices less credit notes issued in the period):
         *     - DSO = ending receivables ÷ credit sales × days in the period.
         *     - Countback DSO = days of the latest calendar months whose credit sales add up to the ending receivables, the oldest month pro rata.
         *     - Best possible DSO = current (not yet due) receivables ÷ credit sales × days.
         *     - Average days delinquent = DSO − best possible DSO.
         *     - CEI = (beginning receivables + credit sales − ending receivables) ÷ (beginning receivables + credit sales − ending current receivables) × 100.
         *     - AR turnover = credit sales ÷ average of beginning and ending receivables; average collection period = days ÷ turnover.
         *     - Percentage current = current ÷ total receivables × 100.
         *     - Average days to pay = mean of (paid in full − invoice date) over invoices paid in the period; also amount-weighted.
         *     - Dispute rate = invoices with a dispute opened in the period ÷ invoices issued in it × 100 (and by amount); average days to resolve = mean of (resolved − opened) over disputes resolved in the period.
         *     - Promise-kept rate = promises paid in full by their date ÷ promises due in the period × 100.
         *     A figure without a value says why (reason), never Infinity.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Defaults to the tenant's base currency; KPIs never mix currencies */
                    currency?: string;
                    customerId?: string;
                    segment?: string;
                    /** @description Business date, YYYY-MM-DD */
                    to?: string;
                    months?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            points: {
                                period: {
                                    start: string;
                                    end: string;
                                    days: number;
                                };
                                figures: {
                                    kpi: string;
                                    /** @enum {string} */
                                    unit: "days" | "percent" | "times";
                                    formula: string;
                                    /** @description Rounded half up: days and percent to 1 decimal, times to 2 */
                                    value: number | null;
                                    /** @description The exact value as a fraction, before rounding */
                                    exact: string | null;
                                    /** @description Why there is no value (e.g. no_credit_sales), or null */
                                    reason: string | null;
                                    detail?: string;
                                    inputs: {
                                        [key: string]: unknown;
                                    };
                                    target: {
                                        value: number;
                                        /** @enum {string} */
                                        direction: "at_most" | "at_least";
                                        met: boolean | null;
                                    } | null;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's KPI targets */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                kpi: string;
                                target: string;
                                /** @enum {string} */
                                direction: "at_most" | "at_least";
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/targets/{kpi}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the target for a KPI (admin, ar_manager), e.g. DSO at most 35 days, CEI at least 85 % */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    kpi: "dso_standard" | "dso_countback" | "best_possible_dso" | "average_days_delinquent" | "collection_effectiveness_index" | "ar_turnover" | "average_collection_period" | "percentage_current" | "average_days_to_pay" | "average_days_to_pay_weighted" | "dispute_rate_count" | "dispute_rate_amount" | "average_days_to_resolve" | "promise_kept_rate";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        target: string;
                        /** @enum {string} */
                        direction: "at_most" | "at_least";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kpi: string;
                            target: string;
                            direction: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/cash-forecast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Expected receipts per day and week for the next 13 weeks: open invoices at their predicted payment date, autopay charges, confirmed orders not yet invoiced */
        get: {
            parameters: {
                query?: {
                    /** @description Business date, YYYY-MM-DD */
                    asOf?: string;
                    /** @description ISO 4217 currency code, e.g. EUR */
                    currency?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string;
                            currency: string;
                            method: string;
                            days: {
                                date: string;
                                invoicesMinor: number;
                                autopayMinor: number;
                                ordersMinor: number;
                                totalMinor: number;
                            }[];
                            weeks: {
                                weekStart: string;
                                totalMinor: number;
                            }[];
                            beyondHorizonMinor: number;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/cash-forecast/accuracy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A forecast recorded by the daily run on `madeOn`, against what really came in, week by week (weeks that have passed) */
        get: {
            parameters: {
                query: {
                    /** @description Business date, YYYY-MM-DD */
                    madeOn: string;
                    /** @description ISO 4217 currency code, e.g. EUR */
                    currency?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            madeOn: string;
                            currency: string;
                            accuracy: {
                                weeks: {
                                    weekStart: string;
                                    forecastMinor: number;
                                    actualMinor: number;
                                    errorMinor: number;
                                }[];
                                meanAbsoluteErrorMinor: number;
                                biasMinor: number;
                                weightedAbsolutePercentError: number | null;
                            };
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/collectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each collector's results for a period: contacts by channel, promises taken and kept, money collected from the customers assigned to them */
        get: {
            parameters: {
                query: {
                    /** @description Business date, YYYY-MM-DD */
                    from: string;
                    /** @description Business date, YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                [key: string]: unknown;
                            }[];
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/risk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer's latest risk score (0–100, higher is riskier), computed by the daily run, with the parts it is made of
         * @description score = 100 × (0.60 × P + 0.25 × S + 0.15 × W), rounded. P: the amount-weighted probability that the open invoices are paid late (with nothing open, the customer's share of late payments); S: their amount-weighted expected days late ÷ 30, at most 1; W: the trend of days late per invoice ÷ 5, between 0 and 1. Predictions come from the payment model trained on the tenant's own history; below 200 settled invoices, from the customer's share of late payments and mean delay. An invoice already past its due date counts as late by at least the days it is overdue. Customers with fewer than 3 settled invoices are not scored.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            customerId: string;
                            score: number;
                            computedOn: string;
                            details: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Credit recommendations for AR managers (longer terms or a higher limit for reliable payers; shorter terms, a lower limit or prepayment for deteriorating ones), newest first
         * @description Made daily from each customer's invoices settled in the last 12 months (days late = settled − due date; paying early does not offset lateness):
         *     - Established on-time record: at least 6 invoices, at least 90 % paid by the due date, no dispute lost (rejected), average lateness at most 2 days → extend_terms (+15 days, at most 60) and raise_limit (+25 %, only when open receivables reached 80 % of the limit at a month end).
         *     - Deteriorating: average lateness of the last 3 months at least 10 days worse than the 9 months before, or at least half of at least 4 invoices paid late → shorten_terms (−15 days, at least 7) and lower_limit (−25 %); when the recent average lateness is 60 days or more, require_prepayment instead.
         *     One open recommendation per customer and kind; one accepted or dismissed is not suggested again for 90 days.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                    status?: "open" | "accepted" | "dismissed";
                    customerId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                customerId: string;
                                /** @enum {string} */
                                kind: "extend_terms" | "raise_limit" | "shorten_terms" | "lower_limit" | "require_prepayment";
                                /** @description Net days for terms, minor units for limits, "on account" for prepayment */
                                currentValue: string | null;
                                proposedValue: string | null;
                                reason: string;
                                evidence: {
                                    [key: string]: unknown;
                                };
                                /** @enum {string} */
                                status: "open" | "accepted" | "dismissed";
                                createdOn: string;
                                decidedBy: string | null;
                                decidedAt: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recommendations/{id}/acceptance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a recommendation (admin, ar_manager): the customer's terms, credit limit, or risk class and order stop (prepayment) change accordingly, audited, in one transaction
         * @description Refused (409) when the customer's value changed since the recommendation was made.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            recommendation: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                customerId: string;
                                /** @enum {string} */
                                kind: "extend_terms" | "raise_limit" | "shorten_terms" | "lower_limit" | "require_prepayment";
                                /** @description Net days for terms, minor units for limits, "on account" for prepayment */
                                currentValue: string | null;
                                proposedValue: string | null;
                                reason: string;
                                evidence: {
                                    [key: string]: unknown;
                                };
                                /** @enum {string} */
                                status: "open" | "accepted" | "dismissed";
                                createdOn: string;
                                decidedBy: string | null;
                                decidedAt: string | null;
                            };
                            customer: {
                                /** Format: uuid */
                                id: string;
                                paymentTermsDays: number;
                                creditLimitMinor: number | null;
                                riskClass: string;
                                blockedForOrders: boolean;
                            };
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/recommendations/{id}/dismissal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dismiss a recommendation (admin, ar_manager), audited; the same kind is not suggested again for the customer within 90 days */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            customerId: string;
                            /** @enum {string} */
                            kind: "extend_terms" | "raise_limit" | "shorten_terms" | "lower_limit" | "require_prepayment";
                            /** @description Net days for terms, minor units for limits, "on account" for prepayment */
                            currentValue: string | null;
                            proposedValue: string | null;
                            reason: string;
                            evidence: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            status: "open" | "accepted" | "dismissed";
                            createdOn: string;
                            decidedBy: string | null;
                            decidedAt: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Saved reports, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description Items per page, 1 to 200 */
                    limit?: number;
                    /** @description Opaque cursor from nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @description A report: a source, measures, group-by dimensions, filters, a period, a sort and a row limit (catalogue in docs and definition.ts) */
                                definition: {
                                    /** @enum {string} */
                                    source: "invoices";
                                    measures: ("count" | "total_amount" | "open_amount" | "average_days_to_pay")[];
                                    /** @default [] */
                                    groupBy: ("customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band")[];
                                    /** @default {} */
                                    filters: {
                                        customerIds?: string[];
                                        segment?: string;
                                        currency?: string;
                                        /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                        amountMinorAtLeast?: number;
                                        amountMinorAtMost?: number;
                                        statuses?: ("open" | "partially_paid" | "paid" | "void" | "applied" | "written_off")[];
                                        kinds?: ("invoice" | "credit_note")[];
                                        /** @description Only documents with something open at the end of the period */
                                        openOnly?: boolean;
                                    };
                                    /** @default [] */
                                    sort: {
                                        /** @enum {string} */
                                        by: "count" | "total_amount" | "open_amount" | "average_days_to_pay" | "customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band";
                                        /**
                                         * @default asc
                                         * @enum {string}
                                         */
                                        direction: "asc" | "desc";
                                    }[];
                                    /** @default {} */
                                    period: {
                                        /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                        from?: string;
                                        /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                        to?: string;
                                    };
                                    /**
                                     * @description Rows returned, 1 to 10000
                                     * @default 1000
                                     */
                                    limit: number;
                                } | {
                                    /** @enum {string} */
                                    source: "payments";
                                    measures: ("count" | "amount" | "unapplied_amount")[];
                                    /** @default [] */
                                    groupBy: ("customer" | "method" | "currency" | "value_month")[];
                                    /** @default {} */
                                    filters: {
                                        customerIds?: string[];
                                        segment?: string;
                                        currency?: string;
                                        /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                        amountMinorAtLeast?: number;
                                        amountMinorAtMost?: number;
                                        methods?: ("bank_transfer" | "direct_debit" | "card" | "cheque" | "cash")[];
                                    };
                                    /** @default [] */
                                    sort: {
                                        /** @enum {string} */
                                        by: "count" | "amount" | "unapplied_amount" | "customer" | "method" | "currency" | "value_month";
                                        /**
                                         * @default asc
                                         * @enum {string}
                                         */
                                        direction: "asc" | "desc";
                                    }[];
                                    /** @default {} */
                                    period: {
                                        /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                        from?: string;
                                        /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                        to?: string;
                                    };
                                    /**
                                     * @description Rows returned, 1 to 10000
                                     * @default 1000
                                     */
                                    limit: number;
                                } | {
                                    /** @enum {string} */
                                    source: "disputes";
                                    measures: ("count" | "amount" | "average_days_to_resolve")[];
                                    /** @default [] */
                                    groupBy: ("reason" | "status" | "customer" | "currency" | "opened_month")[];
                                    /** @default {} */
                                    filters: {
                                        customerIds?: string[];
                                        segment?: string;
                                        currency?: string;
                                        /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                        amountMinorAtLeast?: number;
                                        amountMinorAtMost?: number;
                                        statuses?: ("open" | "resolved_credit_note" | "resolved_write_off" | "rejected")[];
                                        reasons?: ("pricing" | "quantity" | "quality" | "not_received" | "duplicate_billing" | "other")[];
                                    };
                                    /** @default [] */
                                    sort: {
                                        /** @enum {string} */
                                        by: "count" | "amount" | "average_days_to_resolve" | "reason" | "status" | "customer" | "currency" | "opened_month";
                                        /**
                                         * @default asc
                                         * @enum {string}
                                         */
                                        direction: "asc" | "desc";
                                    }[];
                                    /** @default {} */
                                    period: {
                                        /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                        from?: string;
                                        /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                        to?: string;
                                    };
                                    /**
                                     * @description Rows returned, 1 to 10000
                                     * @default 1000
                                     */
                                    limit: number;
                                };
                                createdBy: string;
                                createdAt: string;
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Save a report definition (admin, ar_manager)
         * @description A report definition: `source`, `measures`, `groupBy` dimensions, `filters`, `period` {from, to}, `sort` and `limit` (at most 10000 rows).
         *     - invoices: dimensions customer, segment, currency, status, kind, issue_month, due_month, days_past_due_band; measures count, total_amount, open_amount, average_days_to_pay
         *     - payments: dimensions customer, method, currency, value_month; measures count, amount, unapplied_amount
         *     - disputes: dimensions reason, status, customer, currency, opened_month; measures count, amount, average_days_to_resolve
         *     The period runs on the source's main date (issue date, value date, opened on); its end (default: the tenant's today) is the date the report is as of: open and unapplied amounts, the days-past-due band (current, d1_30, d31_60, d61_90, over_90; settled; unapplied_credit) and the averages are as they stood at the end of that day. Statuses are current. Credit notes count negative. Amounts are never summed across currencies: asking for an amount adds the currency dimension.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /**
                         * @description A report definition: `source`, `measures`, `groupBy` dimensions, `filters`, `period` {from, to}, `sort` and `limit` (at most 10000 rows).
                         *     - invoices: dimensions customer, segment, currency, status, kind, issue_month, due_month, days_past_due_band; measures count, total_amount, open_amount, average_days_to_pay
                         *     - payments: dimensions customer, method, currency, value_month; measures count, amount, unapplied_amount
                         *     - disputes: dimensions reason, status, customer, currency, opened_month; measures count, amount, average_days_to_resolve
                         *     The period runs on the source's main date (issue date, value date, opened on); its end (default: the tenant's today) is the date the report is as of: open and unapplied amounts, the days-past-due band (current, d1_30, d31_60, d61_90, over_90; settled; unapplied_credit) and the averages are as they stood at the end of that day. Statuses are current. Credit notes count negative. Amounts are never summed across currencies: asking for an amount adds the currency dimension.
                         */
                        definition: {
                            /** @enum {string} */
                            source: "invoices";
                            measures: ("count" | "total_amount" | "open_amount" | "average_days_to_pay")[];
                            /** @default [] */
                            groupBy?: ("customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band")[];
                            /** @default {} */
                            filters?: {
                                customerIds?: string[];
                                segment?: string;
                                currency?: string;
                                /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                amountMinorAtLeast?: number;
                                amountMinorAtMost?: number;
                                statuses?: ("open" | "partially_paid" | "paid" | "void" | "applied" | "written_off")[];
                                kinds?: ("invoice" | "credit_note")[];
                                /** @description Only documents with something open at the end of the period */
                                openOnly?: boolean;
                            };
                            /** @default [] */
                            sort?: {
                                /** @enum {string} */
                                by: "count" | "total_amount" | "open_amount" | "average_days_to_pay" | "customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band";
                                /**
                                 * @default asc
                                 * @enum {string}
                                 */
                                direction?: "asc" | "desc";
                            }[];
                            /** @default {} */
                            period?: {
                                /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                from?: string;
                                /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                to?: string;
                            };
                            /**
                             * @description Rows returned, 1 to 10000
                             * @default 1000
                             */
                            limit?: number;
                        } | {
                            /** @enum {string} */
                            source: "payments";
                            measures: ("count" | "amount" | "unapplied_amount")[];
                            /** @default [] */
                            groupBy?: ("customer" | "method" | "currency" | "value_month")[];
                            /** @default {} */
                            filters?: {
                                customerIds?: string[];
                                segment?: string;
                                currency?: string;
                                /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                amountMinorAtLeast?: number;
                                amountMinorAtMost?: number;
                                methods?: ("bank_transfer" | "direct_debit" | "card" | "cheque" | "cash")[];
                            };
                            /** @default [] */
                            sort?: {
                                /** @enum {string} */
                                by: "count" | "amount" | "unapplied_amount" | "customer" | "method" | "currency" | "value_month";
                                /**
                                 * @default asc
                                 * @enum {string}
                                 */
                                direction?: "asc" | "desc";
                            }[];
                            /** @default {} */
                            period?: {
                                /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                from?: string;
                                /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                to?: string;
                            };
                            /**
                             * @description Rows returned, 1 to 10000
                             * @default 1000
                             */
                            limit?: number;
                        } | {
                            /** @enum {string} */
                            source: "disputes";
                            measures: ("count" | "amount" | "average_days_to_resolve")[];
                            /** @default [] */
                            groupBy?: ("reason" | "status" | "customer" | "currency" | "opened_month")[];
                            /** @default {} */
                            filters?: {
                                customerIds?: string[];
                                segment?: string;
                                currency?: string;
                                /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                amountMinorAtLeast?: number;
                                amountMinorAtMost?: number;
                                statuses?: ("open" | "resolved_credit_note" | "resolved_write_off" | "rejected")[];
                                reasons?: ("pricing" | "quantity" | "quality" | "not_received" | "duplicate_billing" | "other")[];
                            };
                            /** @default [] */
                            sort?: {
                                /** @enum {string} */
                                by: "count" | "amount" | "average_days_to_resolve" | "reason" | "status" | "customer" | "currency" | "opened_month";
                                /**
                                 * @default asc
                                 * @enum {string}
                                 */
                                direction?: "asc" | "desc";
                            }[];
                            /** @default {} */
                            period?: {
                                /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                from?: string;
                                /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                to?: string;
                            };
                            /**
                             * @description Rows returned, 1 to 10000
                             * @default 1000
                             */
                            limit?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description A report: a source, measures, group-by dimensions, filters, a period, a sort and a row limit (catalogue in docs and definition.ts) */
                            definition: {
                                /** @enum {string} */
                                source: "invoices";
                                measures: ("count" | "total_amount" | "open_amount" | "average_days_to_pay")[];
                                /** @default [] */
                                groupBy: ("customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band")[];
                                /** @default {} */
                                filters: {
                                    customerIds?: string[];
                                    segment?: string;
                                    currency?: string;
                                    /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                    amountMinorAtLeast?: number;
                                    amountMinorAtMost?: number;
                                    statuses?: ("open" | "partially_paid" | "paid" | "void" | "applied" | "written_off")[];
                                    kinds?: ("invoice" | "credit_note")[];
                                    /** @description Only documents with something open at the end of the period */
                                    openOnly?: boolean;
                                };
                                /** @default [] */
                                sort: {
                                    /** @enum {string} */
                                    by: "count" | "total_amount" | "open_amount" | "average_days_to_pay" | "customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band";
                                    /**
                                     * @default asc
                                     * @enum {string}
                                     */
                                    direction: "asc" | "desc";
                                }[];
                                /** @default {} */
                                period: {
                                    /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                    from?: string;
                                    /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                    to?: string;
                                };
                                /**
                                 * @description Rows returned, 1 to 10000
                                 * @default 1000
                                 */
                                limit: number;
                            } | {
                                /** @enum {string} */
                                source: "payments";
                                measures: ("count" | "amount" | "unapplied_amount")[];
                                /** @default [] */
                                groupBy: ("customer" | "method" | "currency" | "value_month")[];
                                /** @default {} */
                                filters: {
                                    customerIds?: string[];
                                    segment?: string;
                                    currency?: string;
                                    /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                    amountMinorAtLeast?: number;
                                    amountMinorAtMost?: number;
                                    methods?: ("bank_transfer" | "direct_debit" | "card" | "cheque" | "cash")[];
                                };
                                /** @default [] */
                                sort: {
                                    /** @enum {string} */
                                    by: "count" | "amount" | "unapplied_amount" | "customer" | "method" | "currency" | "value_month";
                                    /**
                                     * @default asc
                                     * @enum {string}
                                     */
                                    direction: "asc" | "desc";
                                }[];
                                /** @default {} */
                                period: {
                                    /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                    from?: string;
                                    /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                    to?: string;
                                };
                                /**
                                 * @description Rows returned, 1 to 10000
                                 * @default 1000
                                 */
                                limit: number;
                            } | {
                                /** @enum {string} */
                                source: "disputes";
                                measures: ("count" | "amount" | "average_days_to_resolve")[];
                                /** @default [] */
                                groupBy: ("reason" | "status" | "customer" | "currency" | "opened_month")[];
                                /** @default {} */
                                filters: {
                                    customerIds?: string[];
                                    segment?: string;
                                    currency?: string;
                                    /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                    amountMinorAtLeast?: number;
                                    amountMinorAtMost?: number;
                                    statuses?: ("open" | "resolved_credit_note" | "resolved_write_off" | "rejected")[];
                                    reasons?: ("pricing" | "quantity" | "quality" | "not_received" | "duplicate_billing" | "other")[];
                                };
                                /** @default [] */
                                sort: {
                                    /** @enum {string} */
                                    by: "count" | "amount" | "average_days_to_resolve" | "reason" | "status" | "customer" | "currency" | "opened_month";
                                    /**
                                     * @default asc
                                     * @enum {string}
                                     */
                                    direction: "asc" | "desc";
                                }[];
                                /** @default {} */
                                period: {
                                    /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                    from?: string;
                                    /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                    to?: string;
                                };
                                /**
                                 * @description Rows returned, 1 to 10000
                                 * @default 1000
                                 */
                                limit: number;
                            };
                            createdBy: string;
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a report definition without saving it (JSON)
         * @description A report definition: `source`, `measures`, `groupBy` dimensions, `filters`, `period` {from, to}, `sort` and `limit` (at most 10000 rows).
         *     - invoices: dimensions customer, segment, currency, status, kind, issue_month, due_month, days_past_due_band; measures count, total_amount, open_amount, average_days_to_pay
         *     - payments: dimensions customer, method, currency, value_month; measures count, amount, unapplied_amount
         *     - disputes: dimensions reason, status, customer, currency, opened_month; measures count, amount, average_days_to_resolve
         *     The period runs on the source's main date (issue date, value date, opened on); its end (default: the tenant's today) is the date the report is as of: open and unapplied amounts, the days-past-due band (current, d1_30, d31_60, d61_90, over_90; settled; unapplied_credit) and the averages are as they stood at the end of that day. Statuses are current. Credit notes count negative. Amounts are never summed across currencies: asking for an amount adds the currency dimension.
         *
         *     A POST, so viewer keys cannot use it; they run saved reports with GET /v1/reports/{id}/run.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A report: a source, measures, group-by dimensions, filters, a period, a sort and a row limit (catalogue in docs and definition.ts) */
                        definition: {
                            /** @enum {string} */
                            source: "invoices";
                            measures: ("count" | "total_amount" | "open_amount" | "average_days_to_pay")[];
                            /** @default [] */
                            groupBy?: ("customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band")[];
                            /** @default {} */
                            filters?: {
                                customerIds?: string[];
                                segment?: string;
                                currency?: string;
                                /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                amountMinorAtLeast?: number;
                                amountMinorAtMost?: number;
                                statuses?: ("open" | "partially_paid" | "paid" | "void" | "applied" | "written_off")[];
                                kinds?: ("invoice" | "credit_note")[];
                                /** @description Only documents with something open at the end of the period */
                                openOnly?: boolean;
                            };
                            /** @default [] */
                            sort?: {
                                /** @enum {string} */
                                by: "count" | "total_amount" | "open_amount" | "average_days_to_pay" | "customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band";
                                /**
                                 * @default asc
                                 * @enum {string}
                                 */
                                direction?: "asc" | "desc";
                            }[];
                            /** @default {} */
                            period?: {
                                /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                from?: string;
                                /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                to?: string;
                            };
                            /**
                             * @description Rows returned, 1 to 10000
                             * @default 1000
                             */
                            limit?: number;
                        } | {
                            /** @enum {string} */
                            source: "payments";
                            measures: ("count" | "amount" | "unapplied_amount")[];
                            /** @default [] */
                            groupBy?: ("customer" | "method" | "currency" | "value_month")[];
                            /** @default {} */
                            filters?: {
                                customerIds?: string[];
                                segment?: string;
                                currency?: string;
                                /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                amountMinorAtLeast?: number;
                                amountMinorAtMost?: number;
                                methods?: ("bank_transfer" | "direct_debit" | "card" | "cheque" | "cash")[];
                            };
                            /** @default [] */
                            sort?: {
                                /** @enum {string} */
                                by: "count" | "amount" | "unapplied_amount" | "customer" | "method" | "currency" | "value_month";
                                /**
                                 * @default asc
                                 * @enum {string}
                                 */
                                direction?: "asc" | "desc";
                            }[];
                            /** @default {} */
                            period?: {
                                /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                from?: string;
                                /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                to?: string;
                            };
                            /**
                             * @description Rows returned, 1 to 10000
                             * @default 1000
                             */
                            limit?: number;
                        } | {
                            /** @enum {string} */
                            source: "disputes";
                            measures: ("count" | "amount" | "average_days_to_resolve")[];
                            /** @default [] */
                            groupBy?: ("reason" | "status" | "customer" | "currency" | "opened_month")[];
                            /** @default {} */
                            filters?: {
                                customerIds?: string[];
                                segment?: string;
                                currency?: string;
                                /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                amountMinorAtLeast?: number;
                                amountMinorAtMost?: number;
                                statuses?: ("open" | "resolved_credit_note" | "resolved_write_off" | "rejected")[];
                                reasons?: ("pricing" | "quantity" | "quality" | "not_received" | "duplicate_billing" | "other")[];
                            };
                            /** @default [] */
                            sort?: {
                                /** @enum {string} */
                                by: "count" | "amount" | "average_days_to_resolve" | "reason" | "status" | "customer" | "currency" | "opened_month";
                                /**
                                 * @default asc
                                 * @enum {string}
                                 */
                                direction?: "asc" | "desc";
                            }[];
                            /** @default {} */
                            period?: {
                                /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                from?: string;
                                /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                to?: string;
                            };
                            /**
                             * @description Rows returned, 1 to 10000
                             * @default 1000
                             */
                            limit?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            source: "invoices" | "payments" | "disputes";
                            asOf: string;
                            from: string | null;
                            columns: {
                                key: string;
                                label: string;
                                /**
                                 * @description money cells are {amountMinor, currency, formatted}; days are decimals to one place
                                 * @enum {string}
                                 */
                                type: "id" | "text" | "currency" | "month" | "band" | "count" | "money" | "days";
                            }[];
                            rows: {
                                [key: string]: string | number | {
                                    amountMinor: number;
                                    currency: string;
                                    /** @description The amount as a decimal in the currency, e.g. 1234.50 */
                                    formatted: string;
                                } | null;
                            }[];
                            /** @description More rows matched than the limit */
                            truncated: boolean;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A saved report definition */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description A report: a source, measures, group-by dimensions, filters, a period, a sort and a row limit (catalogue in docs and definition.ts) */
                            definition: {
                                /** @enum {string} */
                                source: "invoices";
                                measures: ("count" | "total_amount" | "open_amount" | "average_days_to_pay")[];
                                /** @default [] */
                                groupBy: ("customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band")[];
                                /** @default {} */
                                filters: {
                                    customerIds?: string[];
                                    segment?: string;
                                    currency?: string;
                                    /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                    amountMinorAtLeast?: number;
                                    amountMinorAtMost?: number;
                                    statuses?: ("open" | "partially_paid" | "paid" | "void" | "applied" | "written_off")[];
                                    kinds?: ("invoice" | "credit_note")[];
                                    /** @description Only documents with something open at the end of the period */
                                    openOnly?: boolean;
                                };
                                /** @default [] */
                                sort: {
                                    /** @enum {string} */
                                    by: "count" | "total_amount" | "open_amount" | "average_days_to_pay" | "customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band";
                                    /**
                                     * @default asc
                                     * @enum {string}
                                     */
                                    direction: "asc" | "desc";
                                }[];
                                /** @default {} */
                                period: {
                                    /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                    from?: string;
                                    /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                    to?: string;
                                };
                                /**
                                 * @description Rows returned, 1 to 10000
                                 * @default 1000
                                 */
                                limit: number;
                            } | {
                                /** @enum {string} */
                                source: "payments";
                                measures: ("count" | "amount" | "unapplied_amount")[];
                                /** @default [] */
                                groupBy: ("customer" | "method" | "currency" | "value_month")[];
                                /** @default {} */
                                filters: {
                                    customerIds?: string[];
                                    segment?: string;
                                    currency?: string;
                                    /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                    amountMinorAtLeast?: number;
                                    amountMinorAtMost?: number;
                                    methods?: ("bank_transfer" | "direct_debit" | "card" | "cheque" | "cash")[];
                                };
                                /** @default [] */
                                sort: {
                                    /** @enum {string} */
                                    by: "count" | "amount" | "unapplied_amount" | "customer" | "method" | "currency" | "value_month";
                                    /**
                                     * @default asc
                                     * @enum {string}
                                     */
                                    direction: "asc" | "desc";
                                }[];
                                /** @default {} */
                                period: {
                                    /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                    from?: string;
                                    /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                    to?: string;
                                };
                                /**
                                 * @description Rows returned, 1 to 10000
                                 * @default 1000
                                 */
                                limit: number;
                            } | {
                                /** @enum {string} */
                                source: "disputes";
                                measures: ("count" | "amount" | "average_days_to_resolve")[];
                                /** @default [] */
                                groupBy: ("reason" | "status" | "customer" | "currency" | "opened_month")[];
                                /** @default {} */
                                filters: {
                                    customerIds?: string[];
                                    segment?: string;
                                    currency?: string;
                                    /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                    amountMinorAtLeast?: number;
                                    amountMinorAtMost?: number;
                                    statuses?: ("open" | "resolved_credit_note" | "resolved_write_off" | "rejected")[];
                                    reasons?: ("pricing" | "quantity" | "quality" | "not_received" | "duplicate_billing" | "other")[];
                                };
                                /** @default [] */
                                sort: {
                                    /** @enum {string} */
                                    by: "count" | "amount" | "average_days_to_resolve" | "reason" | "status" | "customer" | "currency" | "opened_month";
                                    /**
                                     * @default asc
                                     * @enum {string}
                                     */
                                    direction: "asc" | "desc";
                                }[];
                                /** @default {} */
                                period: {
                                    /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                    from?: string;
                                    /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                    to?: string;
                                };
                                /**
                                 * @description Rows returned, 1 to 10000
                                 * @default 1000
                                 */
                                limit: number;
                            };
                            createdBy: string;
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Replace a saved report definition (admin, ar_manager)
         * @description A report definition: `source`, `measures`, `groupBy` dimensions, `filters`, `period` {from, to}, `sort` and `limit` (at most 10000 rows).
         *     - invoices: dimensions customer, segment, currency, status, kind, issue_month, due_month, days_past_due_band; measures count, total_amount, open_amount, average_days_to_pay
         *     - payments: dimensions customer, method, currency, value_month; measures count, amount, unapplied_amount
         *     - disputes: dimensions reason, status, customer, currency, opened_month; measures count, amount, average_days_to_resolve
         *     The period runs on the source's main date (issue date, value date, opened on); its end (default: the tenant's today) is the date the report is as of: open and unapplied amounts, the days-past-due band (current, d1_30, d31_60, d61_90, over_90; settled; unapplied_credit) and the averages are as they stood at the end of that day. Statuses are current. Credit notes count negative. Amounts are never summed across currencies: asking for an amount adds the currency dimension.
         */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /**
                         * @description A report definition: `source`, `measures`, `groupBy` dimensions, `filters`, `period` {from, to}, `sort` and `limit` (at most 10000 rows).
                         *     - invoices: dimensions customer, segment, currency, status, kind, issue_month, due_month, days_past_due_band; measures count, total_amount, open_amount, average_days_to_pay
                         *     - payments: dimensions customer, method, currency, value_month; measures count, amount, unapplied_amount
                         *     - disputes: dimensions reason, status, customer, currency, opened_month; measures count, amount, average_days_to_resolve
                         *     The period runs on the source's main date (issue date, value date, opened on); its end (default: the tenant's today) is the date the report is as of: open and unapplied amounts, the days-past-due band (current, d1_30, d31_60, d61_90, over_90; settled; unapplied_credit) and the averages are as they stood at the end of that day. Statuses are current. Credit notes count negative. Amounts are never summed across currencies: asking for an amount adds the currency dimension.
                         */
                        definition: {
                            /** @enum {string} */
                            source: "invoices";
                            measures: ("count" | "total_amount" | "open_amount" | "average_days_to_pay")[];
                            /** @default [] */
                            groupBy?: ("customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band")[];
                            /** @default {} */
                            filters?: {
                                customerIds?: string[];
                                segment?: string;
                                currency?: string;
                                /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                amountMinorAtLeast?: number;
                                amountMinorAtMost?: number;
                                statuses?: ("open" | "partially_paid" | "paid" | "void" | "applied" | "written_off")[];
                                kinds?: ("invoice" | "credit_note")[];
                                /** @description Only documents with something open at the end of the period */
                                openOnly?: boolean;
                            };
                            /** @default [] */
                            sort?: {
                                /** @enum {string} */
                                by: "count" | "total_amount" | "open_amount" | "average_days_to_pay" | "customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band";
                                /**
                                 * @default asc
                                 * @enum {string}
                                 */
                                direction?: "asc" | "desc";
                            }[];
                            /** @default {} */
                            period?: {
                                /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                from?: string;
                                /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                to?: string;
                            };
                            /**
                             * @description Rows returned, 1 to 10000
                             * @default 1000
                             */
                            limit?: number;
                        } | {
                            /** @enum {string} */
                            source: "payments";
                            measures: ("count" | "amount" | "unapplied_amount")[];
                            /** @default [] */
                            groupBy?: ("customer" | "method" | "currency" | "value_month")[];
                            /** @default {} */
                            filters?: {
                                customerIds?: string[];
                                segment?: string;
                                currency?: string;
                                /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                amountMinorAtLeast?: number;
                                amountMinorAtMost?: number;
                                methods?: ("bank_transfer" | "direct_debit" | "card" | "cheque" | "cash")[];
                            };
                            /** @default [] */
                            sort?: {
                                /** @enum {string} */
                                by: "count" | "amount" | "unapplied_amount" | "customer" | "method" | "currency" | "value_month";
                                /**
                                 * @default asc
                                 * @enum {string}
                                 */
                                direction?: "asc" | "desc";
                            }[];
                            /** @default {} */
                            period?: {
                                /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                from?: string;
                                /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                to?: string;
                            };
                            /**
                             * @description Rows returned, 1 to 10000
                             * @default 1000
                             */
                            limit?: number;
                        } | {
                            /** @enum {string} */
                            source: "disputes";
                            measures: ("count" | "amount" | "average_days_to_resolve")[];
                            /** @default [] */
                            groupBy?: ("reason" | "status" | "customer" | "currency" | "opened_month")[];
                            /** @default {} */
                            filters?: {
                                customerIds?: string[];
                                segment?: string;
                                currency?: string;
                                /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                amountMinorAtLeast?: number;
                                amountMinorAtMost?: number;
                                statuses?: ("open" | "resolved_credit_note" | "resolved_write_off" | "rejected")[];
                                reasons?: ("pricing" | "quantity" | "quality" | "not_received" | "duplicate_billing" | "other")[];
                            };
                            /** @default [] */
                            sort?: {
                                /** @enum {string} */
                                by: "count" | "amount" | "average_days_to_resolve" | "reason" | "status" | "customer" | "currency" | "opened_month";
                                /**
                                 * @default asc
                                 * @enum {string}
                                 */
                                direction?: "asc" | "desc";
                            }[];
                            /** @default {} */
                            period?: {
                                /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                from?: string;
                                /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                to?: string;
                            };
                            /**
                             * @description Rows returned, 1 to 10000
                             * @default 1000
                             */
                            limit?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description A report: a source, measures, group-by dimensions, filters, a period, a sort and a row limit (catalogue in docs and definition.ts) */
                            definition: {
                                /** @enum {string} */
                                source: "invoices";
                                measures: ("count" | "total_amount" | "open_amount" | "average_days_to_pay")[];
                                /** @default [] */
                                groupBy: ("customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band")[];
                                /** @default {} */
                                filters: {
                                    customerIds?: string[];
                                    segment?: string;
                                    currency?: string;
                                    /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                    amountMinorAtLeast?: number;
                                    amountMinorAtMost?: number;
                                    statuses?: ("open" | "partially_paid" | "paid" | "void" | "applied" | "written_off")[];
                                    kinds?: ("invoice" | "credit_note")[];
                                    /** @description Only documents with something open at the end of the period */
                                    openOnly?: boolean;
                                };
                                /** @default [] */
                                sort: {
                                    /** @enum {string} */
                                    by: "count" | "total_amount" | "open_amount" | "average_days_to_pay" | "customer" | "segment" | "currency" | "status" | "kind" | "issue_month" | "due_month" | "days_past_due_band";
                                    /**
                                     * @default asc
                                     * @enum {string}
                                     */
                                    direction: "asc" | "desc";
                                }[];
                                /** @default {} */
                                period: {
                                    /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                    from?: string;
                                    /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                    to?: string;
                                };
                                /**
                                 * @description Rows returned, 1 to 10000
                                 * @default 1000
                                 */
                                limit: number;
                            } | {
                                /** @enum {string} */
                                source: "payments";
                                measures: ("count" | "amount" | "unapplied_amount")[];
                                /** @default [] */
                                groupBy: ("customer" | "method" | "currency" | "value_month")[];
                                /** @default {} */
                                filters: {
                                    customerIds?: string[];
                                    segment?: string;
                                    currency?: string;
                                    /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                    amountMinorAtLeast?: number;
                                    amountMinorAtMost?: number;
                                    methods?: ("bank_transfer" | "direct_debit" | "card" | "cheque" | "cash")[];
                                };
                                /** @default [] */
                                sort: {
                                    /** @enum {string} */
                                    by: "count" | "amount" | "unapplied_amount" | "customer" | "method" | "currency" | "value_month";
                                    /**
                                     * @default asc
                                     * @enum {string}
                                     */
                                    direction: "asc" | "desc";
                                }[];
                                /** @default {} */
                                period: {
                                    /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                    from?: string;
                                    /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                    to?: string;
                                };
                                /**
                                 * @description Rows returned, 1 to 10000
                                 * @default 1000
                                 */
                                limit: number;
                            } | {
                                /** @enum {string} */
                                source: "disputes";
                                measures: ("count" | "amount" | "average_days_to_resolve")[];
                                /** @default [] */
                                groupBy: ("reason" | "status" | "customer" | "currency" | "opened_month")[];
                                /** @default {} */
                                filters: {
                                    customerIds?: string[];
                                    segment?: string;
                                    currency?: string;
                                    /** @description The document's own amount (invoice total, payment amount, disputed amount) is at least this */
                                    amountMinorAtLeast?: number;
                                    amountMinorAtMost?: number;
                                    statuses?: ("open" | "resolved_credit_note" | "resolved_write_off" | "rejected")[];
                                    reasons?: ("pricing" | "quantity" | "quality" | "not_received" | "duplicate_billing" | "other")[];
                                };
                                /** @default [] */
                                sort: {
                                    /** @enum {string} */
                                    by: "count" | "amount" | "average_days_to_resolve" | "reason" | "status" | "customer" | "currency" | "opened_month";
                                    /**
                                     * @default asc
                                     * @enum {string}
                                     */
                                    direction: "asc" | "desc";
                                }[];
                                /** @default {} */
                                period: {
                                    /** @description First day (inclusive) on the source's main date; omitted: from the beginning */
                                    from?: string;
                                    /** @description Last day (inclusive), also the date the report is as of; omitted: the tenant's today */
                                    to?: string;
                                };
                                /**
                                 * @description Rows returned, 1 to 10000
                                 * @default 1000
                                 */
                                limit: number;
                            };
                            createdBy: string;
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Delete a saved report (admin, ar_manager) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: a repeat with the same key and body replays the first response. */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Run a saved report (JSON: typed columns and rows; amounts in minor units with a formatted decimal) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            source: "invoices" | "payments" | "disputes";
                            asOf: string;
                            from: string | null;
                            columns: {
                                key: string;
                                label: string;
                                /**
                                 * @description money cells are {amountMinor, currency, formatted}; days are decimals to one place
                                 * @enum {string}
                                 */
                                type: "id" | "text" | "currency" | "month" | "band" | "count" | "money" | "days";
                            }[];
                            rows: {
                                [key: string]: string | number | {
                                    amountMinor: number;
                                    currency: string;
                                    /** @description The amount as a decimal in the currency, e.g. 1234.50 */
                                    formatted: string;
                                } | null;
                            }[];
                            /** @description More rows matched than the limit */
                            truncated: boolean;
                        };
                    };
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Run a saved report and download it as CSV or XLSX (cells a spreadsheet would read as a formula are prefixed with a quote) */
        get: {
            parameters: {
                query?: {
                    format?: "csv" | "xlsx";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description A problem (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description How one bank account's CSV export is read: delimiter, code page, preamble lines, date and number formats, which column holds what */
        CsvStatementMappingInput: {
            /** @enum {string} */
            delimiter: "," | ";" | "\t" | "|";
            /** @enum {string} */
            quote: "\"" | "'";
            /** @enum {string} */
            encoding: "utf-8" | "windows-1252" | "auto";
            skipLines: number;
            hasHeader: boolean;
            /** @enum {string} */
            dateFormat: "YYYY-MM-DD" | "DD.MM.YYYY" | "DD/MM/YYYY" | "MM/DD/YYYY" | "DD-MM-YYYY" | "YYYYMMDD" | "DD.MM.YY";
            /** @enum {string} */
            decimalSeparator: "." | ",";
            /** @enum {string} */
            thousandsSeparator: "" | "," | "." | " " | "'";
            /** @enum {string} */
            negativeStyle: "leading-minus" | "trailing-minus" | "parentheses";
            columns: {
                bookingDate: string | number;
                valueDate?: string | number;
                amount: {
                    /** @constant */
                    style: "signed";
                    amount: string | number;
                } | {
                    /** @constant */
                    style: "credit-debit";
                    credit: string | number;
                    debit: string | number;
                } | {
                    /** @constant */
                    style: "indicator";
                    amount: string | number;
                    indicator: string | number;
                    creditValues: string[];
                    debitValues: string[];
                };
                currency?: {
                    column: string | number;
                } | {
                    fixed: string;
                };
                counterpartyName?: string | number;
                counterpartyIban?: string | number;
                counterpartyBic?: string | number;
                remittance: (string | number)[];
                bankReference?: string | number;
                customerReference?: string | number;
                structuredReference?: string | number;
                transactionCode?: string | number;
            };
            skipRowsMatching?: string;
        };
        /** @description How one bank account's CSV export is read: delimiter, code page, preamble lines, date and number formats, which column holds what */
        CsvStatementMapping: {
            /** @enum {string} */
            delimiter: "," | ";" | "\t" | "|";
            /** @enum {string} */
            quote: "\"" | "'";
            /** @enum {string} */
            encoding: "utf-8" | "windows-1252" | "auto";
            skipLines: number;
            hasHeader: boolean;
            /** @enum {string} */
            dateFormat: "YYYY-MM-DD" | "DD.MM.YYYY" | "DD/MM/YYYY" | "MM/DD/YYYY" | "DD-MM-YYYY" | "YYYYMMDD" | "DD.MM.YY";
            /** @enum {string} */
            decimalSeparator: "." | ",";
            /** @enum {string} */
            thousandsSeparator: "" | "," | "." | " " | "'";
            /** @enum {string} */
            negativeStyle: "leading-minus" | "trailing-minus" | "parentheses";
            columns: {
                bookingDate: string | number;
                valueDate?: string | number;
                amount: {
                    /** @constant */
                    style: "signed";
                    amount: string | number;
                } | {
                    /** @constant */
                    style: "credit-debit";
                    credit: string | number;
                    debit: string | number;
                } | {
                    /** @constant */
                    style: "indicator";
                    amount: string | number;
                    indicator: string | number;
                    creditValues: string[];
                    debitValues: string[];
                };
                currency?: {
                    column: string | number;
                } | {
                    fixed: string;
                };
                counterpartyName?: string | number;
                counterpartyIban?: string | number;
                counterpartyBic?: string | number;
                remittance: (string | number)[];
                bankReference?: string | number;
                customerReference?: string | number;
                structuredReference?: string | number;
                transactionCode?: string | number;
            };
            skipRowsMatching?: string;
        };
        /** @description RFC 9457 problem details. `type` is stable per kind of error; validation errors list the fields in `errors`. */
        Problem: {
            /**
             * Format: uri
             * @example https://cashloop.dev/problems/validation-failed
             */
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            errors?: {
                /** @description JSON pointer to the field at fault */
                pointer: string;
                detail: string;
            }[];
        } & {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
