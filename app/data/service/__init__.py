"""Services (provider organisations), their staff, and the people who joined them and
agreed to be counted in the service's reports."""
