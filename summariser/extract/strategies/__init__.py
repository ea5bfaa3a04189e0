"""The extraction strategies; `summariser.extract.registry` names them."""
