"""Applicants' personal data: encrypted fields, blind indexes, masks, validators and the access log.

The one mechanism for ID numbers, phones and addresses (each module documents its part):

- ``fields.EncryptedCharField`` / ``fields.EncryptedTextField`` keep ciphertext at rest;
- ``fields.BlindIndexField`` (+ the ``__matches`` lookup) gives exact-match lookups and duplicate checks;
- ``masking`` shows personal data partially; ``validators`` checks ID numbers and mobile phones;
- ``access.reveal`` returns full values and writes one ``PersonalDataAccess`` row.
"""
